using System.Globalization;
using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Policies;
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
        var spec = env.ObservationSpec;
        var info = new DatasetEnvironment(env.Name, opts.World, new ObservationInfo(spec.Height, spec.Width, spec.Channels), env.Fps);
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
        var writer = DatasetWriter.Open(opts.Out, info, new ActionSpaceInfo("discrete", [.. env.ActionSpace.Names]), args);
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
            var (frames, actions, rewards) = RunEpisode(env, policy(), seed, opts.Steps, onFrame);
            writer.Add(i, seed, opts.PolicyName, frames, actions, rewards);
            written++;
        }
        var m = writer.Manifest;
        return new CollectResult(written, skipped, m.Counts.Episodes, m.Counts.Frames, m.Fingerprint);
    }

    /// <summary>One episode; it ends early when the environment says done (the final frame is kept).</summary>
    private static (byte[] Frames, int[] Actions, float[] Rewards) RunEpisode(IEnvironment env, IPolicy policy, int seed, int steps, Action<int>? onFrame)
    {
        var frameBytes = env.ObservationSpec.FrameBytes;
        var frames = new byte[(long)steps * frameBytes];
        var actions = new int[steps];
        var rewards = new float[steps];
        policy.Reset(seed);
        var obs = Checked(env.Reset(seed), frameBytes, env.Name);
        obs.CopyTo(frames, 0);
        actions[0] = Episode.NoAction;
        onFrame?.Invoke(1);
        var t = 1;
        for (; t < steps; t++)
        {
            var action = env.ActionSpace.Validate(policy.Act(obs, t - 1));
            var step = env.Step(action);
            obs = Checked(step.Observation, frameBytes, env.Name);
            obs.CopyTo(frames, (long)t * frameBytes);
            actions[t] = action;
            rewards[t] = step.Reward;
            onFrame?.Invoke(1);
            if (step.Done)
            {
                t++;
                break;
            }
        }
        return t == steps ? (frames, actions, rewards) : (frames[..(t * frameBytes)], actions[..t], rewards[..t]);
    }

    private static byte[] Checked(byte[] obs, int frameBytes, string env) =>
        obs.Length == frameBytes ? obs : throw new InvalidOperationException($"environment '{env}' returned {obs.Length} bytes, its observation spec says {frameBytes}");

    private static string Text(int v) => v.ToString(CultureInfo.InvariantCulture);
}
