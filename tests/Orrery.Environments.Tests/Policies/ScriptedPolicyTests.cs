using Orrery.Core.Environments;
using Orrery.Core.Streams;
using Orrery.Core.Errors;
using Orrery.Environments.Maze;
using Orrery.Environments.Policies;

namespace Orrery.Environments.Tests.Policies;

public class ScriptedPolicyTests
{
    private static string WriteScript(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"orrery-script-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Script_with_names_indices_repeats_and_comments_is_expanded_and_loops()
    {
        var path = WriteScript("# warm-up\nforward*3\n\n  turn-left   # look\n4\nNOOP*2\n");
        try
        {
            var env = new MazeEnvironment(0);
            var policy = PolicyRegistry.Create("scripted", env, path);
            policy.Reset(0);
            var acts = Enumerable.Range(0, 14).Select(i => policy.Act(new Observation([], StreamValues.Empty), i).Index).ToArray();
            int[] once = [1, 1, 1, 3, 4, 0, 0];
            Assert.Equal(once.Concat(once), acts);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Unknown_action_names_the_file_line_and_value()
    {
        var path = WriteScript("forward\n# fine\njump*2\n");
        try
        {
            var e = Assert.Throws<OrreryException>(() => PolicyRegistry.Create("scripted", new MazeEnvironment(0), path));
            Assert.Contains(path, e.Message);
            Assert.Contains(":3:", e.Message);
            Assert.Contains("'jump'", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Bad_repeat_count_and_empty_script_are_user_errors()
    {
        var actions = new MazeEnvironment(0).Spec.Actions!;
        Assert.Throws<OrreryException>(() => ScriptedPolicy.Parse(["forward*x"], actions, "s.txt"));
        Assert.Throws<OrreryException>(() => ScriptedPolicy.Parse(["forward*0"], actions, "s.txt"));
        Assert.Throws<OrreryException>(() => ScriptedPolicy.Parse(["# nothing"], actions, "s.txt"));
        Assert.Throws<OrreryException>(() => ScriptedPolicy.Parse(["7"], actions, "s.txt"));
    }

    [Fact]
    public void Missing_script_is_a_user_error()
    {
        Assert.Throws<OrreryException>(() => PolicyRegistry.Create("scripted", new MazeEnvironment(0)));
        Assert.Throws<OrreryException>(() => PolicyRegistry.Create("scripted", new MazeEnvironment(0), "/nonexistent/script.txt"));
    }
}
