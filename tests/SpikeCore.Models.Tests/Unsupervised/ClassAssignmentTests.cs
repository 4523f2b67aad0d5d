using SpikeCore.Networks.Unsupervised;

namespace SpikeCore.Models.Tests.Unsupervised;

public class ClassAssignmentTests
{
    [Fact]
    public void Neurons_take_the_class_they_answer_most_on_average_and_samples_the_class_of_their_strongest_neurons()
    {
        // Class 0 has two samples, class 1 one: neuron 0 fires 4 + 2 for class 0 (mean 3) and 5 for class 1, so it is
        // class 1 although it fired more spikes for class 0 in all; neuron 1 (2, 2 | 0) is class 0; neuron 2 never fires.
        int[][] counts = [[4, 2, 0], [2, 2, 0], [5, 0, 0]];
        int[] assigned = ClassAssignment.Assign(counts, [0, 0, 1], classes: 3);
        Assert.Equal([1, 0, -1], assigned);
        Assert.Equal(0, ClassAssignment.Predict([1, 3, 9], assigned, 3)); // neuron 2's spikes count for no class
        Assert.Equal(1, ClassAssignment.Predict([4, 3, 0], assigned, 3));
        Assert.Equal(0, ClassAssignment.Predict([0, 0, 0], assigned, 3)); // silence: the lowest class
        // Scored against labels 0, 1, 1: sample 0 is called 1 (4 > 2), sample 1 ties 2 = 2 and is called 0, sample 2 is 1.
        Assert.Equal(1.0 / 3, ClassAssignment.Accuracy(counts, [0, 1, 1], assigned, 3), 12);
    }
}
