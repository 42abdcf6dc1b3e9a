using Orrery.Model.Memory;
using static TorchSharp.torch;

namespace Orrery.Model.Tests.Memory;

public class MemoryKeyHeadTests
{
    /// <summary>A head whose every prediction is the standardised change `change`, whatever it reads.</summary>
    private static MemoryKeyHead Constant(float[] change, double deadband)
    {
        var head = new MemoryKeyHead(8, 4, change.Length, deadband);
        head.Calibrate([0, 0], [1, 1], [0.5f, 0.5f]);
        using var noGrad = no_grad();
        foreach (var (name, p) in head.named_parameters())
            if (name.EndsWith("fc2.weight", StringComparison.Ordinal)) p.zero_();
            else if (name.EndsWith("fc2.bias", StringComparison.Ordinal)) p.copy_(tensor(change));
        return head;
    }

    [Fact]
    public void Changes_inside_the_deadband_leave_the_key_where_it_was_and_larger_ones_move_it_in_the_data_s_units()
    {
        using var head = Constant([0.05f, 2f], deadband: 0.1);
        using var scope = NewDisposeScope();
        var keys = tensor(new float[] { 10.37f, -1f }, [1, 2]);
        var next = head.Next(zeros([1, 4, 8]), keys).data<float>().ToArray();
        Assert.Equal(10.37f, next[0]);                                                            // 0.05 of a step's spread: standing still
        Assert.Equal(0f, next[1], 5);                                                              // 2 spreads of 0.5
        var anticipated = head.Anticipate(keys, zeros([1, 8])).data<float>().ToArray();
        Assert.Equal(10.37f, anticipated[0]);
    }

    [Fact]
    public void Without_a_deadband_every_change_counts()
    {
        using var head = Constant([0.05f, 2f], deadband: 0);
        using var scope = NewDisposeScope();
        var next = head.Next(zeros([1, 4, 8]), tensor(new float[] { 10f, -1f }, [1, 2])).data<float>().ToArray();
        Assert.Equal(10.025f, next[0], 4);
    }
}
