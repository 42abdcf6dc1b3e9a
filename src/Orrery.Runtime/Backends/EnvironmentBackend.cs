using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Core.Spaces;
using Orrery.Environments;

namespace Orrery.Runtime.Backends;

/// <summary>
/// The ground-truth environment as a backend ("truth"): people can play the real maze, and everything above the
/// backend (engine, server, client) can be tested against exact frames. Clone and Load replay the action history,
/// which is cheap for a simulator and exact because environments are deterministic.
/// </summary>
public sealed class EnvironmentBackend : IWorldBackend
{
    /// <summary>Name under which the server lists the ground truth.</summary>
    public const string TruthName = "truth";

    private readonly string environment;
    private readonly int resolution;

    public EnvironmentBackend(string environment = "maze", int resolution = 64)
    {
        this.environment = environment;
        this.resolution = resolution;
        var info = EnvironmentRegistry.Info(environment);
        ActionNames = info.Actions;
        Fps = info.Fps;
        Spec = new ObservationSpec(resolution, resolution, 3);
        IdentityHash = Checksums.Sha256(System.Text.Encoding.UTF8.GetBytes($"environment:{info.Name}:{resolution}"));
    }

    public string Name => TruthName;

    public string IdentityHash { get; }

    public ObservationSpec Spec { get; }

    public IReadOnlyList<string> ActionNames { get; }

    public int Fps { get; }

    public BackendStart Begin(SessionStart start)
    {
        if (start.StartImage is not null)
            throw new OrreryException("startImage: the truth backend starts from a world and seed only; a start image needs a model");
        var state = new TruthState(EnvironmentRegistry.Create(environment, start.World, resolution), start.World, start.Seed, []);
        return new BackendStart(state, state.First);
    }

    public IReadOnlyList<byte[]> Step(IReadOnlyList<BackendState> states, IReadOnlyList<int> actions)
    {
        var frames = new byte[states.Count][];
        for (var i = 0; i < states.Count; i++)
        {
            var s = (TruthState)states[i];
            frames[i] = s.Env.Step(actions[i]).Observation;
            s.Actions.Add((byte)actions[i]);
        }
        return frames;
    }

    public BackendState Clone(BackendState state)
    {
        var s = (TruthState)state;
        return Rebuild(s.World, s.Seed, s.Actions);
    }

    public void Save(BackendState state, Stream stream)
    {
        var s = (TruthState)state;
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(s.World);
        w.Write(s.Seed);
        w.Write(s.Actions.Count);
        w.Write(s.Actions.ToArray());
    }

    public BackendState Load(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var world = r.ReadInt32();
        var seed = r.ReadInt32();
        var count = r.ReadInt32();
        var actions = r.ReadBytes(count);
        if (actions.Length != count)
            throw new OrreryException($"snapshot: truth state ends after {actions.Length} of {count} actions (file truncated)");
        return Rebuild(world, seed, actions);
    }

    public void Dispose() { }

    private TruthState Rebuild(int world, int seed, IReadOnlyList<byte> actions)
    {
        var state = new TruthState(EnvironmentRegistry.Create(environment, world, resolution), world, seed, []);
        foreach (var a in actions)
        {
            state.Env.Step(a);
            state.Actions.Add(a);
        }
        return state;
    }

    private sealed class TruthState : BackendState
    {
        public TruthState(IEnvironment env, int world, int seed, List<byte> actions)
        {
            Env = env;
            World = world;
            Seed = seed;
            Actions = actions;
            First = env.Reset(seed);
        }

        public IEnvironment Env { get; }

        public int World { get; }

        public int Seed { get; }

        public byte[] First { get; }

        /// <summary>Every action since Reset, which is all a deterministic simulator needs to be rebuilt.</summary>
        public List<byte> Actions { get; }

        public override long FrameIndex => Actions.Count;
    }
}
