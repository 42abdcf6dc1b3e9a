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
        var corpus = Corpus();
        var stream = SyntheticData.State.Name;
        using var network = Network(corpus);
        using var scope = NewDisposeScope();
        var index = new MemoryIndex(corpus, stream, 2, DynamicsConfig.DefaultMemoryMergeDistance, 0);
        (int Episode, int Start)[] origins = [(0, 2), (1, 5)];
        var (latents, actions) = Inputs(corpus, network, origins);

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
        var corpus = Corpus();
        using var network = Network(corpus);
        using var scope = NewDisposeScope();
        (int Episode, int Start)[] origins = [(0, 2)];
        var (latents, actions) = Inputs(corpus, network, origins);
        Tensor Absent(int minAge) => new MemoryIndex(corpus, SyntheticData.State.Name, 2, DynamicsConfig.DefaultMemoryMergeDistance, minAge)
            .Recall(network, latents, origins, actions, 0, Count).Keys.select(-1, -1);                       // (1, Count, 2) absent flags
        Assert.Equal(0f, Absent(0).select(2, 0).sum().item<float>());                                         // frames 2-5 each recall at least themselves
        var aged = Absent(4);                                                                                 // frame 2+p sees kept frames up to p-2
        Assert.Equal([1f, 1f, 0f, 0f], aged.select(2, 0).flatten().data<float>().ToArray());
    }

    private static TrainingCorpus Corpus() => SyntheticData.MovingSquare(2, 12, state: true);

    /// <summary>A tiny categorical model keeping a memory of 2 recalled frames keyed by the moving square's state.</summary>
    private static WorldModelNetwork Network(TrainingCorpus corpus)
    {
        var tiny = TestRuns.Tiny(1, 1, DynamicsHead.Categorical, streamHeads: []);
        return new WorldModelNetwork(tiny with { Dynamics = tiny.Dynamics with { MemoryStream = SyntheticData.State.Name, MemoryFrames = 2 } }, corpus.World);
    }

    /// <summary>Random latents per episode, (T, N, C) each, and the windows' next actions (B, Count).</summary>
    private static (List<Tensor> Latents, Tensor Actions) Inputs(TrainingCorpus corpus, WorldModelNetwork network, (int Episode, int Start)[] origins)
    {
        var latents = corpus.Episodes.Select(e => randn([e.Length, network.Dynamics.Tokens, 3])).ToList();
        var next = new ActionVector[origins.Length * Count];
        for (var i = 0; i < origins.Length; i++)
            ModelActions.FillNext(corpus.Episodes[origins[i].Episode].Actions, origins[i].Start, next.AsSpan(i * Count, Count));
        return (latents, ActionTensors.Of(next, corpus.World.Actions, [origins.Length, Count]));
    }

    /// <summary>The recorded keys of window frames [shift, shift + Count): (B, Count, S).</summary>
    private static Tensor Keys(TrainingCorpus corpus, string stream, (int Episode, int Start)[] origins, int shift)
    {
        var size = corpus.World.Stream(stream)!.Size;
        var rows = origins.SelectMany(o => corpus.Episodes[o.Episode].Stream(stream).AsSpan((o.Start + shift) * size, Count * size).ToArray()).ToArray();
        return tensor(rows, [origins.Length, Count, size]);
    }
}
