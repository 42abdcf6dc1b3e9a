using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Orrery.Cli.Terminal;
using Orrery.Environments;
using Orrery.Environments.Policies;
using Spectre.Console;

namespace Orrery.Cli.Commands;

/// <summary>
/// `orrery bench env`: steps an environment single-threaded under the random policy and reports frames/s and
/// ms/frame (stepping and rendering; the policy's cost is included and negligible).
/// </summary>
public static class BenchEnvCommand
{
    /// <summary>The measured numbers, the same in the table and in --json.</summary>
    public sealed record Report(string Env, int World, int Resolution, int Frames, double Seconds, double FramesPerSecond,
                                double MsPerFrame, string Cpu, int Cores);

    public static Command Create()
    {
        var env = new Option<string>("--env") { Description = "Environment name (see 'orrery envs').", DefaultValueFactory = _ => "maze" };
        var frames = new Option<int>("--frames") { Description = "Frames to step (after 200 warm-up frames).", DefaultValueFactory = _ => 20000 };
        var resolution = new Option<int>("--resolution") { Description = "Square frame size.", DefaultValueFactory = _ => 64 };
        var world = new Option<int>("--world") { Description = "Layout seed.", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout." };
        var command = new Command("env", "Frames per second of an environment stepped on one thread under random actions.")
            { env, frames, resolution, world, json };
        command.SetAction(parse =>
        {
            var count = parse.GetValue(frames);
            if (count <= 0) throw new Orrery.Core.Errors.OrreryException($"--frames must be positive; got {count}");
            var report = Run(parse.GetValue(env)!, parse.GetValue(world), parse.GetValue(resolution), count);
            if (parse.GetValue(json)) Output.WriteJson(report);
            else Render(report);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Report Run(string name, int world, int resolution, int frames)
    {
        var env = EnvironmentRegistry.Create(name, world, resolution);
        var policy = PolicyRegistry.Create("random", env);
        var obs = env.Reset(0);
        policy.Reset(0);
        for (var i = 0; i < 200; i++) obs = env.Step(policy.Act(obs, i)).Observation; // warm-up: JIT tiers, caches
        var clock = new Stopwatch();
        ProgressDisplay.Run($"bench {name} {resolution}x{resolution}", frames, "frames", progress =>
        {
            const int chunk = 500; // progress updates outside the timed inner loop
            for (var done = 0; done < frames;)
            {
                var n = Math.Min(chunk, frames - done);
                clock.Start();
                for (var i = 0; i < n; i++) obs = env.Step(policy.Act(obs, done + i)).Observation;
                clock.Stop();
                done += n;
                progress.Status = $"{done / clock.Elapsed.TotalSeconds:0} frames/s";
                progress.Set(done);
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        return new Report(env.Name, world, resolution, frames, seconds, frames / seconds, seconds * 1000 / frames,
                          CpuName(), Environment.ProcessorCount);
    }

    private static string CpuName()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (File.Exists(cpuinfo))
            foreach (var line in File.ReadLines(cpuinfo))
                if (line.StartsWith("model name", StringComparison.Ordinal)) return line[(line.IndexOf(':') + 1)..].Trim();
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static void Render(Report r)
    {
        var table = new Table().RoundedBorder().AddColumns("env", "world", "resolution", "frames", "frames/s", "ms/frame", "cpu");
        table.AddRow(Markup.Escape(r.Env), $"{r.World}", $"{r.Resolution}x{r.Resolution}", $"{r.Frames}",
                     $"{r.FramesPerSecond:0}", $"{r.MsPerFrame:0.000}", Markup.Escape($"{r.Cpu} ({r.Cores} cores)"));
        Output.Stdout.Write(table);
    }
}
