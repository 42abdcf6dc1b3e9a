using System.Globalization;
using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;
using Orrery.Data.Format;

namespace Orrery.Data.Collect;

/// <summary>Records episodes of a policy acting in an environment into a dataset folder; reruns resume where they stopped.</summary>
public static class Collector
{
    /// <summary>
    /// Collects opts.Episodes episodes. onFrame is called with the number of frames just finished (for progress);
    /// finished episodes of an earlier, interrupted run are skipped and reported through onFrame at once.
    /// </summary>
    public static CollectResult Collect(IEnvironment env, Func<IPolicy> policy, CollectOptions opts, Action<int>? onFrame = null)
    {
        if (opts.Episodes <= 0) throw new OrreryException($"--episodes is {opts.Episodes}; expected at least 1");
        if (opts.Steps <= 0) throw new OrreryException($"--steps is {opts.Steps}; expected at least 1 (frame 0 is the reset observation)");
        var spec = env.Spec.Observation;
        var info = new DatasetEnvironment(env.Name, opts.World, new ObservationInfo(spec.Height, spec.Width, spec.Channels), env.Spec.Fps);
        if (env.Spec.Actions is null) throw new OrreryException($"environment '{env.Name}' takes no actions; nothing to collect");
        var args = new Dictionary<string, string>(opts.Extra)
        {
            ["env"] = env.Name,
            ["world"] = Text(opts.World),
            ["policy"] = opts.PolicyName,
            ["episodes"] = Text(opts.Episodes),
            ["steps"] = Text(opts.Steps),
            ["seed"] = Text(opts.Seed),
            ["resolution"] = $"{spec.Height}x{spec.Width}",
        };
        var writer = DatasetWriter.Open(opts.Out, info, env.Spec.Actions, env.Spec.Streams, args);
        var written = 0;
        var skipped = 0;
        for (var i = 0; i < opts.Episodes; i++)
        {
            if (writer.Has(i))
            {
                skipped++;
                onFrame?.Invoke(writer.Manifest.Episodes.First(e => e.Index == i).Frames);
                continue;
            }
            var seed = unchecked(opts.Seed + i);
            var (frames, actions, streams) = RunEpisode(env, policy(), seed, opts.Steps, onFrame);
            writer.Add(i, seed, opts.PolicyName, frames, actions, streams);
            written++;
        }
        var m = writer.Manifest;
        return new CollectResult(written, skipped, m.Counts.Episodes, m.Counts.Frames, m.Fingerprint);
    }

    /// <summary>One episode; it ends early when the environment says done (the final frame is kept).</summary>
    private static (byte[] Frames, ActionVector[] Actions, Dictionary<string, float[]> Streams) RunEpisode(IEnvironment env, IPolicy policy, int seed, int steps, Action<int>? onFrame)
    {
        var world = env.Spec;
        var frameBytes = world.Observation.FrameBytes;
        var frames = new byte[(long)steps * frameBytes];
        var actions = new List<ActionVector>(steps) { ActionVector.Unknown };
        var streams = world.Streams.ToDictionary(st => st.Name, st => new List<float>(steps * st.Size));
        policy.Reset(seed);
        var obs = Checked(env.Reset(seed), world, env.Name);
        Record(obs, 0);
        onFrame?.Invoke(1);
        for (var t = 1; t < steps; t++)
        {
            var action = world.Actions!.Validate(policy.Act(obs, t - 1));
            var step = env.Step(action);
            obs = Checked(step.Observation, world, env.Name);
            actions.Add(action);
            Record(obs, t);
            onFrame?.Invoke(1);
            if (step.Done) break;
        }
        var length = actions.Count;
        return (length == steps ? frames : frames[..(length * frameBytes)], actions.ToArray(), streams.ToDictionary(s => s.Key, s => s.Value.ToArray()));

        void Record(Observation o, int t)
        {
            o.Frame.CopyTo(frames, (long)t * frameBytes);
            foreach (var st in world.Streams) streams[st.Name].AddRange(o.Streams[st.Name]);
        }
    }

    private static Observation Checked(Observation obs, WorldSpec world, string env)
    {
        if (obs.Frame.Length != world.Observation.FrameBytes)
            throw new InvalidOperationException($"environment '{env}' returned {obs.Frame.Length} bytes, its observation spec says {world.Observation.FrameBytes}");
        foreach (var st in world.Streams)
            if (!obs.Streams.TryGetValue(st.Name, out var v) || v.Length != st.Size)
                throw new InvalidOperationException($"environment '{env}' returned no {st.Size} values for its stream '{st.Name}'");
        return obs;
    }

    private static string Text(int v) => v.ToString(CultureInfo.InvariantCulture);
}
