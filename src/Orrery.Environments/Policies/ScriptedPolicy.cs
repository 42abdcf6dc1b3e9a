using Orrery.Core.Errors;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;

namespace Orrery.Environments.Policies;

/// <summary>
/// Replays a fixed action list read from a text file: one action per line, given by name ("forward") or index ("1"),
/// optionally repeated with "name*N" ("turn-left*48"); '#' starts a comment, blank lines are ignored. When the list
/// ends it starts again from the top, so a script can drive an endless session.
/// </summary>
public sealed class ScriptedPolicy : IPolicy
{
    private readonly int[] script;
    private int position;

    public ScriptedPolicy(IReadOnlyList<int> actions)
    {
        if (actions.Count == 0) throw new OrreryException("a scripted policy needs at least one action");
        script = actions.ToArray();
    }

    public string Name => "scripted";

    /// <summary>The expanded action list, in order.</summary>
    public IReadOnlyList<int> Actions => script;

    /// <summary>Reads a script file; any bad line is a user error naming the file, line and value.</summary>
    public static ScriptedPolicy Load(string path, DiscreteActionSpace actions)
    {
        if (!File.Exists(path)) throw new OrreryException($"script file '{path}' not found");
        return new ScriptedPolicy(Parse(File.ReadAllLines(path), actions, path));
    }

    /// <summary>Parses script lines; <paramref name="source"/> names the file in error messages.</summary>
    public static IReadOnlyList<int> Parse(IEnumerable<string> lines, DiscreteActionSpace actions, string source)
    {
        var result = new List<int>();
        var lineNumber = 0;
        foreach (var raw in lines)
        {
            lineNumber++;
            var hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0) continue;
            var star = line.IndexOf('*');
            var token = (star >= 0 ? line[..star] : line).Trim();
            var count = 1;
            if (star >= 0 && (!int.TryParse(line[(star + 1)..].Trim(), out count) || count < 1))
                throw new OrreryException($"{source}:{lineNumber}: bad repeat count in '{line}'; expected name*N with N a positive integer");
            var action = -1;
            if (int.TryParse(token, out var index) && index >= 0 && index < actions.Count) action = index;
            else
                for (var i = 0; i < actions.Count; i++)
                    if (string.Equals(actions.Names[i], token, StringComparison.OrdinalIgnoreCase)) action = i;
            if (action < 0)
                throw new OrreryException($"{source}:{lineNumber}: unknown action '{token}'; expected one of: {string.Join(", ", actions.Names)} (or 0..{actions.Count - 1})");
            for (var k = 0; k < count; k++) result.Add(action);
        }
        if (result.Count == 0) throw new OrreryException($"{source}: the script holds no actions");
        return result;
    }

    public void Reset(int seed) => position = 0;

    public int Act(ReadOnlySpan<byte> observation, int step)
    {
        var action = script[position];
        position = (position + 1) % script.Length;
        return action;
    }
}
