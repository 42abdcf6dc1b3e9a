using Orrery.Core.Spaces;
using Orrery.Model;
using Orrery.Model.Configs;
using Orrery.Model.Dynamics;
using Orrery.Model.Tests;
using Orrery.Training.Sampling;
using static TorchSharp.torch;

namespace Orrery.Training.Tests.Sampling;

public class MemoryIndexTests
{
    private const int Count = 4;

    [Fact]
    public void Training_queries_the_memory_where_the_key_head_anticipates_the_action_leads_not_with_the_recorded_next_key()
    {
        var corpus = SyntheticData.MovingSquare(2, 12, state: true);
        var stream = SyntheticData.State.Name;
        var tiny = TestRuns.Tiny(1, 1, DynamicsHead.Categorical, streamHeads: []);
        using var network = new WorldModelNetwork(tiny with { Dynamics = tiny.Dynamics with { MemoryStream = stream, MemoryFrames = 2 } }, corpus.World);
        using var scope = NewDisposeScope();
        var index = new MemoryIndex(corpus, stream, 2, DynamicsConfig.DefaultMemoryMergeDistance, 0);
        (int Episode, int Start)[] origins = [(0, 2), (1, 5)];
        var latents = corpus.Episodes.Select(e => randn([e.Length, network.Dynamics.Tokens, 3])).ToList();   // (T, N, C) each
        var next = new ActionVector[origins.Length * Count];
        for (var i = 0; i < origins.Length; i++)
            ModelActions.FillNext(corpus.Episodes[origins[i].Episode].Actions, origins[i].Start, next.AsSpan(i * Count, Count));
        var actions = ActionTensors.Of(next, corpus.World.Actions, [origins.Length, Count]);                    // (B, Count)

        var recalled = index.Recall(network, latents, origins, actions, 0, Count);

        var s = index.KeySize;
        var query = recalled.Keys.narrow(2, 0, 1).squeeze(2).narrow(-1, s, s);                                   // (B, Count, S): the query slot 0 carries
        var anticipated = network.MemoryKeyHead!.Anticipate(Keys(corpus, stream, origins, 0), network.Dynamics.ActionFeatures(actions));
        Assert.True(query.allclose(anticipated, rtol: 1e-5, atol: 1e-5), "the query is the key head's anticipation");
        Assert.False(query.allclose(Keys(corpus, stream, origins, 1), rtol: 1e-3, atol: 1e-3), "the query is not the recorded next key");
    }

    [Fact]
    public void Frames_younger_than_the_minimum_age_are_not_recalled_in_training_either()
    {
        var corpus = SyntheticData.MovingSquare(2, 12, state: true);
        var stream = SyntheticData.State.Name;
        var tiny = TestRuns.Tiny(1, 1, DynamicsHead.Categorical, streamHeads: []);
        using var network = new WorldModelNetwork(tiny with { Dynamics = tiny.Dynamics with { MemoryStream = stream, MemoryFrames = 2 } }, corpus.World);
        using var scope = NewDisposeScope();
        (int Episode, int Start)[] origins = [(0, 2)];
        var latents = corpus.Episodes.Select(e => randn([e.Length, network.Dynamics.Tokens, 3])).ToList();
        var next = new ActionVector[Count];
        ModelActions.FillNext(corpus.Episodes[0].Actions, 2, next);
        var actions = ActionTensors.Of(next, corpus.World.Actions, [1, Count]);
        Tensor Absent(int minAge) => new MemoryIndex(corpus, stream, 2, DynamicsConfig.DefaultMemoryMergeDistance, minAge)
            .Recall(network, latents, origins, actions, 0, Count).Keys.select(-1, -1);                       // (1, Count, 2) absent flags
        Assert.Equal(0f, Absent(0).select(2, 0).sum().item<float>());                                         // frames 2-5 each recall at least themselves
        var aged = Absent(4);                                                                                 // frame 2+p sees kept frames up to p-2
        Assert.Equal([1f, 1f, 0f, 0f], aged.select(2, 0).flatten().data<float>().ToArray());
    }

    /// <summary>The recorded keys of window frames [shift, shift + Count): (B, Count, S).</summary>
    private static Tensor Keys(TrainingCorpus corpus, string stream, (int Episode, int Start)[] origins, int shift)
    {
        var size = corpus.World.Stream(stream)!.Size;
        var rows = origins.SelectMany(o => corpus.Episodes[o.Episode].Stream(stream).AsSpan((o.Start + shift) * size, Count * size).ToArray()).ToArray();
        return tensor(rows, [origins.Length, Count, size]);
    }
}
