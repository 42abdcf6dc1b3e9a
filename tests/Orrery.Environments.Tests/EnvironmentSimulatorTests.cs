using System.Text;
using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using static Orrery.Environments.Tests.Episodes;

namespace Orrery.Environments.Tests;

public class EnvironmentSimulatorTests
{
    // a start of `context` frames of episode (World, seed), made by the first context - 1 actions of the walk
    private static SimulatorStart Start(string environment, int seed, ActionVector[] walk, int context) =>
        new(Direct(environment, seed, walk.Take(context - 1)), [ActionVector.Unknown, .. walk.Take(context - 1)], seed, new EpisodeOrigin(World, seed));

    private static byte[] Save(ISimulator simulator, SimulatorState state)
    {
        using var stream = new MemoryStream();
        simulator.Save(state, stream);
        return stream.ToArray();
    }

    [Theory, MemberData(nameof(Environments), MemberType = typeof(Episodes))]
    public void Begin_then_Step_equals_stepping_the_environment_directly_bit_for_bit(string environment)
    {
        var walk = Walk(environment, 1, 40);
        using var simulator = new EnvironmentSimulator(environment);
        using var state = simulator.Begin(Start(environment, 5, walk, 4));
        Assert.Equal(3, state.FrameIndex);
        var stepped = Run(simulator, state, walk.Skip(3));
        Assert.Equal(40, state.FrameIndex);
        Assert.Equal(Hash(Direct(environment, 5, walk).Skip(4)), Hash(stepped));
    }

    [Theory, MemberData(nameof(Environments), MemberType = typeof(Episodes))]
    public void Fork_continues_like_the_original_under_the_same_actions_and_apart_under_others(string environment)
    {
        var walk = Walk(environment, 2, 30);
        var other = Walk(environment, 3, 20);
        using var simulator = new EnvironmentSimulator(environment);
        using var original = simulator.Begin(Start(environment, 7, walk, 1));
        Run(simulator, original, walk.Take(10));
        using var twin = simulator.Fork(original);
        using var rival = simulator.Fork(original);
        Assert.Equal(10, twin.FrameIndex);

        var rivalFrames = Run(simulator, rival, other);    // stepped first: it must not move the original
        var originalFrames = Run(simulator, original, walk.Skip(10));
        var twinFrames = Run(simulator, twin, walk.Skip(10));

        Assert.Equal(Hash(originalFrames), Hash(twinFrames));
        Assert.Equal(Hash(Direct(environment, 7, walk).Skip(11)), Hash(originalFrames));
        Assert.Equal(Hash(Direct(environment, 7, [.. walk.Take(10), .. other]).Skip(11)), Hash(rivalFrames));
        Assert.NotEqual(Hash(originalFrames), Hash(rivalFrames));
    }

    [Theory, MemberData(nameof(Environments), MemberType = typeof(Episodes))]
    public void A_fork_into_the_environment_of_a_disposed_rollout_continues_like_the_original(string environment)
    {
        var walk = Walk(environment, 8, 40);
        var other = Walk(environment, 9, 25);
        using var simulator = new EnvironmentSimulator(environment);
        using var original = simulator.Begin(Start(environment, 6, walk, 1));
        Run(simulator, original, walk.Take(15));
        // a rollout elsewhere in the episode (another seed, 25 other actions) leaves its environment behind for reuse
        using (var elsewhere = simulator.Begin(Start(environment, 2, other, 1))) Run(simulator, elsewhere, other);

        using var twin = simulator.Fork(original);
        Assert.Equal(15, twin.FrameIndex);
        Assert.Equal(Hash(Direct(environment, 6, walk).Skip(16)), Hash(Run(simulator, twin, walk.Skip(15))));
    }

    [Theory, MemberData(nameof(Environments), MemberType = typeof(Episodes))]
    public void Save_then_Restore_in_a_new_simulator_continues_bit_for_bit(string environment)
    {
        var walk = Walk(environment, 4, 30);
        using var simulator = new EnvironmentSimulator(environment);
        using var state = simulator.Begin(Start(environment, 9, walk, 3));
        Run(simulator, state, walk.Skip(2).Take(10));
        var saved = Save(simulator, state);

        using var again = new EnvironmentSimulator(environment);
        using var restored = again.Restore(new MemoryStream(saved));
        Assert.Equal(12, restored.FrameIndex);
        Assert.Equal(saved, Save(again, restored));
        Assert.Equal(Hash(Run(simulator, state, walk.Skip(12))), Hash(Run(again, restored, walk.Skip(12))));
    }

    [Theory, MemberData(nameof(Environments), MemberType = typeof(Episodes))]
    public void A_truncated_save_is_one_clear_error_at_every_length(string environment)
    {
        var walk = Walk(environment, 5, 8);
        using var simulator = new EnvironmentSimulator(environment);
        using var state = simulator.Begin(Start(environment, 1, walk, 1));
        Run(simulator, state, walk);
        var saved = Save(simulator, state);
        for (var length = 0; length < saved.Length; length++)
        {
            var e = Assert.Throws<OrreryException>(() => simulator.Restore(new MemoryStream(saved, 0, length)));
            Assert.Equal($"truth-{environment} state: truncated", e.Message);
        }
    }

    [Fact]
    public void Restore_of_another_simulators_state_is_one_clear_error()
    {
        using var maze = new EnvironmentSimulator("maze");
        using var state = maze.Begin(Start("maze", 1, [], 1));
        var saved = Save(maze, state);
        using var larger = new EnvironmentSimulator("maze", 128);
        using var reach = new EnvironmentSimulator("reach");
        Assert.Contains("saved by another simulator", Assert.Throws<OrreryException>(() => larger.Restore(new MemoryStream(saved))).Message);
        Assert.Contains("saved by another simulator", Assert.Throws<OrreryException>(() => reach.Restore(new MemoryStream(saved))).Message);
        Assert.Contains("bad magic", Assert.Throws<OrreryException>(() => maze.Restore(new MemoryStream(Encoding.ASCII.GetBytes("ORRS and more")))).Message);
    }

    [Theory, MemberData(nameof(Environments), MemberType = typeof(Episodes))]
    public void Begin_without_an_origin_is_one_clear_error(string environment)
    {
        using var simulator = new EnvironmentSimulator(environment);
        var start = Start(environment, 3, Walk(environment, 3, 2), 3) with { Origin = null };
        var e = Assert.Throws<OrreryException>(() => simulator.Begin(start));
        Assert.Equal($"truth-{environment}: the ground truth begins from an episode origin (world, reset seed), not from pixels such as a start image; a start without one needs a model", e.Message);
    }

    [Theory, MemberData(nameof(Environments), MemberType = typeof(Episodes))]
    public void Begin_from_a_context_of_another_episode_or_with_unknown_actions_is_one_clear_error(string environment)
    {
        using var simulator = new EnvironmentSimulator(environment);
        var walk = Walk(environment, 3, 2);
        var start = Start(environment, 3, walk, 3);
        var elsewhere = Assert.Throws<OrreryException>(() => simulator.Begin(start with { Origin = new EpisodeOrigin(World, 4) }));
        Assert.StartsWith($"truth-{environment}: context frame 0 differs from frame 0 of episode (world {World}, seed 4)", elsewhere.Message);
        var unknown = Assert.Throws<OrreryException>(() => simulator.Begin(start with { Actions = [ActionVector.Unknown, walk[0], ActionVector.Unknown] }));
        Assert.Contains("context action 2 is unknown", unknown.Message);
    }

    [Theory, MemberData(nameof(Environments), MemberType = typeof(Episodes))]
    public void A_batch_Step_equals_stepping_the_states_one_by_one(string environment)
    {
        int[] seeds = [1, 2, 3];
        var walks = seeds.Select(s => Walk(environment, s + 10, 15)).ToArray();
        using var simulator = new EnvironmentSimulator(environment);
        var batch = seeds.Select(s => simulator.Begin(Start(environment, s, [], 1))).ToArray();
        var alone = seeds.Select(s => simulator.Begin(Start(environment, s, [], 1))).ToArray();
        var batched = seeds.Select(_ => new List<Observation>()).ToArray();
        for (var t = 0; t < 15; t++)
        {
            var observations = simulator.Step(batch, walks.Select(w => w[t]).ToArray());
            for (var i = 0; i < seeds.Length; i++) batched[i].Add(observations[i]);
        }
        for (var i = 0; i < seeds.Length; i++)
            Assert.Equal(Hash(Run(simulator, alone[i], walks[i])), Hash(batched[i]));
        foreach (var state in batch.Concat(alone)) state.Dispose();
    }

    [Theory, MemberData(nameof(Environments), MemberType = typeof(Episodes))]
    public void A_refused_action_moves_no_state_of_the_batch(string environment)
    {
        var walk = Walk(environment, 6, 3);
        var outside = EnvironmentRegistry.Spec(environment).Actions switch
        {
            DiscreteActionSpace discrete => ActionVector.Discrete(discrete.Count),
            _ => ActionVector.Continuous([.. walk[0].Values[..^1], float.NaN]),
        };
        using var simulator = new EnvironmentSimulator(environment);
        using var first = simulator.Begin(Start(environment, 1, walk, 1));
        using var second = simulator.Begin(Start(environment, 1, walk, 1));
        Assert.Throws<OrreryException>(() => simulator.Step([first, second], [walk[0], outside]));
        Assert.Contains("appears twice", Assert.Throws<OrreryException>(() => simulator.Step([first, first], [walk[0], walk[1]])).Message);
        Assert.Equal([0L, 0L], new[] { first.FrameIndex, second.FrameIndex });
        Assert.Equal(Hash(Direct(environment, 1, walk).Skip(1)), Hash(Run(simulator, first, walk)));
    }

    [Fact]
    public void Name_identity_and_world_describe_the_environment_at_its_resolution()
    {
        using var simulator = new EnvironmentSimulator("Maze", 128);
        Assert.Equal("truth-maze", simulator.Name);
        Assert.Equal(Checksums.Sha256(Encoding.UTF8.GetBytes("environment:maze:128")), simulator.IdentityHash);
        Assert.Equal(new ObservationSpec(128, 128, 3), simulator.World.Observation);
        Assert.Equal(EnvironmentRegistry.Info("maze").Spec.Actions, simulator.World.Actions);
        Assert.Equal(new Dictionary<string, string> { ["resolution"] = "128" }, simulator.World.Parameters);
        Assert.Contains("expected one of: 64, 128", Assert.Throws<OrreryException>(() => new EnvironmentSimulator("reach", 256)).Message);
    }
}
