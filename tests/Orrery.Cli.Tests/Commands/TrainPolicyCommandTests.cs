using System.Text.Json;
using Orrery.Cli.Terminal;

namespace Orrery.Cli.Tests.Commands;

/// <summary>`orrery train-policy`: behaviour cloning of push's expert, then the learned policy acting through collect.</summary>
[Collection(OrreryProcessCollection.Name)]
public sealed class TrainPolicyCommandTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"orrery-bc-{Guid.NewGuid():N}");

    [Fact]
    public void Cloning_the_push_expert_learns_its_actions_and_the_policy_then_acts_deterministically()
    {
        var demos = Path.Combine(dir, "demos");
        Ok(OrreryProcess.Run("collect", "--env", "push", "--policy", "expert", "--episodes", "8", "--steps", "60", "--seed", "5", "--out", demos));
        var policy = Path.Combine(dir, "bc");
        using var manifest = JsonDocument.Parse(Ok(OrreryProcess.Run("train-policy", "--data", demos, "--out", policy, "--steps", "400", "--json")).Stdout);
        var root = manifest.RootElement;
        // learned, not merely run: the held-out action error is far below the actions' own spread around the box's centre
        var heldOut = root.GetProperty("heldOutLoss").GetDouble();
        var spread = ActionMeanSquare(demos);
        Assert.True(heldOut < 0.25 * spread, $"held-out action MSE {heldOut:0.0000} against a mean square of {spread:0.0000}");
        Assert.Equal(["pusher_x", "pusher_y", "block_x", "block_y", "block_sin", "block_cos"], root.GetProperty("stateFields").EnumerateArray().Select(f => f.GetString()));

        string Act(string name)
        {
            var output = Path.Combine(dir, name);
            Ok(OrreryProcess.Run("collect", "--env", "push", "--policy", $"bc:{policy}", "--episodes", "1", "--steps", "30", "--seed", "9", "--out", output));
            return Convert.ToHexString(File.ReadAllBytes(Directory.GetFiles(output, "*actions.npy", SearchOption.AllDirectories).Single()));
        }
        Assert.Equal(Act("a"), Act("b"));
    }

    [Fact]
    public void A_missing_policy_and_maze_data_are_one_line_each_and_write_nothing()
    {
        var missing = OrreryProcess.Run("collect", "--env", "push", "--policy", $"bc:{Path.Combine(dir, "nope")}", "--episodes", "1", "--steps", "4", "--out", Path.Combine(dir, "x"));
        Assert.Equal(ExitCodes.UserError, missing.ExitCode);
        Assert.Contains("policy.json: no learned policy here", Assert.Single(missing.StderrLines));
        Assert.False(Directory.Exists(Path.Combine(dir, "x")));

        var maze = Path.Combine(dir, "maze");
        Ok(OrreryProcess.Run("collect", "--env", "maze", "--policy", "random", "--episodes", "3", "--steps", "10", "--out", maze));
        var discrete = OrreryProcess.Run("train-policy", "--data", maze, "--out", Path.Combine(dir, "p"), "--steps", "5");
        Assert.Equal(ExitCodes.UserError, discrete.ExitCode);
        Assert.Contains("box actions", Assert.Single(discrete.StderrLines));
        Assert.False(Directory.Exists(Path.Combine(dir, "p")));
    }

    /// <summary>Mean of the squared actions of a dataset's first episode, read from its npy (float32 [T, 2], row 0 unknown).</summary>
    private static double ActionMeanSquare(string dataset)
    {
        var npy = Directory.GetFiles(dataset, "*actions.npy", SearchOption.AllDirectories).Order().First();
        var bytes = File.ReadAllBytes(npy);
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        var values = new float[(bytes.Length - 10 - headerLength) / 4];
        Buffer.BlockCopy(bytes, 10 + headerLength, values, 0, values.Length * 4);
        var known = values.Where(v => !float.IsNaN(v)).ToArray();
        return known.Average(v => (double)v * v);
    }

    private static CliRun Ok(CliRun run)
    {
        Assert.True(run.ExitCode == ExitCodes.Ok, $"exit {run.ExitCode}: {run.Stderr}");
        return run;
    }

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
