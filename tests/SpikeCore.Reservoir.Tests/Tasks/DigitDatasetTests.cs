using SpikeCore.Reservoir.Tasks;
using SpikeCore;

namespace SpikeCore.Reservoir.Tests.Tasks;

public class DigitDatasetTests
{
    [Fact]
    public void Fsdd_splits_follow_the_dataset_conventions()
    {
        DigitDataset data = DigitDataset.Load(DataPaths.FsddRecordings);
        Assert.Equal(2000, data.Recordings.Count);
        Assert.Equal(["george", "jackson", "nicolas", "yweweler"], data.Speakers);
        (IReadOnlyList<DigitRecording> train, IReadOnlyList<DigitRecording> test) = data.SpeakerDependent();
        Assert.Equal(1800, train.Count);
        Assert.Equal(200, test.Count);
        Assert.All(test, r => Assert.InRange(r.Index, 0, 4));
        Assert.Equal(20, test.Count(r => r.Digit == 7));
        (train, test) = data.SpeakerDependent(firstTestTake: 45);
        Assert.Equal((1800, 200), (train.Count, test.Count));
        Assert.All(test, r => Assert.InRange(r.Index, 45, 49));
        Assert.DoesNotContain(train, r => r.Index is >= 45 and <= 49);
        Assert.Contains("takes 50-54", Assert.Throws<InvalidDataException>(() => data.SpeakerDependent(50)).Message);

        (train, test) = data.LeaveOut("nicolas");
        Assert.Equal(1500, train.Count);
        Assert.All(test, r => Assert.Equal("nicolas", r.Speaker));
        (train, test) = data.TrainOn(["george", "jackson"]);
        Assert.Equal(1000, train.Count);
        Assert.DoesNotContain(test, r => r.Speaker is "george" or "jackson");
    }

    [Fact]
    public void Names_and_folders_are_checked()
    {
        Assert.Equal(new DigitRecording("a/7_jackson_12.wav", 7, "jackson", 12), DigitRecording.FromPath("a/7_jackson_12.wav"));
        Assert.Null(DigitRecording.FromPath("a/12_jackson_1.wav"));
        Assert.Null(DigitRecording.FromPath("a/7_jackson_x.wav"));
        Assert.Null(DigitRecording.FromPath("a/7_jackson_1.mp3"));
        Assert.Null(DigitRecording.FromPath("a/readme.txt"));

        string empty = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(empty, "notes.txt"), "x");
        Assert.Contains("holds no recordings named", Assert.Throws<InvalidDataException>(() => DigitDataset.Load(empty)).Message);
        Assert.Contains("SPIKECORE_DATA", Assert.Throws<DirectoryNotFoundException>(() => DigitDataset.Load(Path.Combine(empty, "missing"))).Message);

        File.WriteAllBytes(Path.Combine(empty, "3_ana_0.wav"), []);
        DigitDataset one = DigitDataset.Load(empty);
        Assert.Equal(1, one.IgnoredFiles);
        Assert.Contains("no speaker 'bob'", Assert.Throws<ArgumentException>(() => one.LeaveOut("bob")).Message);
        Assert.Contains("no speaker 'bob'", Assert.Throws<ArgumentException>(() => one.TrainOn(["ana", "bob"])).Message);
    }

    [Fact]
    public void The_dataset_root_and_the_data_root_name_the_same_recordings()
    {
        string recordings = DataPaths.FsddRecordings;
        DigitDataset direct = DigitDataset.Load(recordings);
        DigitDataset fromRoot = DigitDataset.Load(Path.GetDirectoryName(recordings)!);            // the FSDD repository's layout
        DigitDataset fromData = DigitDataset.Load(Path.GetDirectoryName(Path.GetDirectoryName(recordings))!); // the shared data root
        Assert.Equal(direct.Recordings, fromRoot.Recordings);
        Assert.Equal(direct.Recordings, fromData.Recordings);
        Assert.Equal(direct.Folder, fromRoot.Folder);
    }
}
