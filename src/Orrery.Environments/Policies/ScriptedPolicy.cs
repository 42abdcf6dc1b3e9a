using System.Globalization;
using System.Text.Json;
using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;

namespace Orrery.Environments.Policies;

/// <summary>
/// Replays a fixed action list read from a text file, one action per line; '#' starts a comment, blank lines are
/// ignored, and "ACTION*N" repeats a line N times. A discrete action is a name ("forward") or an index ("1"); a box
/// action is CSV ("0.3,-0.7", after an optional header line of the dimension names) or a JSON array ("[0.3, -0.7]").
/// When the list ends it starts again from the top, so a script can drive an endless session.
/// </summary>
public sealed class ScriptedPolicy : IPolicy
{
    private readonly ActionVector[] script;
    private int position;

    public ScriptedPolicy(IReadOnlyList<ActionVector> actions)
    {
        if (actions.Count == 0) throw new OrreryException("a scripted policy needs at least one action");
        script = actions.ToArray();
    }

    public string Name => "scripted";

    /// <summary>The expanded action list, in order.</summary>
    public IReadOnlyList<ActionVector> Actions => script;

    /// <summary>Reads a script file; any bad line is a user error naming the file, line and value.</summary>
    public static ScriptedPolicy Load(string path, ActionSpace actions)
    {
        if (!File.Exists(path)) throw new OrreryException($"script file '{path}' not found");
        return new ScriptedPolicy(Parse(File.ReadAllLines(path), actions, path));
    }

    /// <summary>Parses script lines; <paramref name="source"/> names the file in error messages.</summary>
    public static IReadOnlyList<ActionVector> Parse(IEnumerable<string> lines, ActionSpace actions, string source)
    {
        var result = new List<ActionVector>();
        var lineNumber = 0;
        foreach (var raw in lines)
        {
            lineNumber++;
            var hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0 || (result.Count == 0 && IsHeader(line, actions))) continue;
            var star = line.LastIndexOf('*');
            var token = (star >= 0 ? line[..star] : line).Trim();
            var count = 1;
            if (star >= 0 && (!int.TryParse(line[(star + 1)..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out count) || count < 1))
                throw new OrreryException($"{source}:{lineNumber}: bad repeat count in '{line}'; expected ACTION*N with N a positive integer");
            ActionVector action;
            try
            {
                action = ParseAction(token, actions);
            }
            catch (OrreryException e)
            {
                throw new OrreryException($"{source}:{lineNumber}: {e.Message}");
            }
            for (var k = 0; k < count; k++) result.Add(action);
        }
        if (result.Count == 0) throw new OrreryException($"{source}: the script holds no actions");
        return result;
    }

    private static ActionVector ParseAction(string token, ActionSpace actions)
    {
        if (!token.StartsWith('[')) return actions.Parse(token);
        float[]? values;
        try
        {
            values = JsonSerializer.Deserialize<float[]>(token);
        }
        catch (JsonException)
        {
            values = null;
        }
        return values is null
            ? throw new OrreryException($"'{token}' is not a JSON array of numbers")
            : actions.FromValues(values);
    }

    private static bool IsHeader(string line, ActionSpace actions) =>
        actions.Kind == ActionKind.Box && line.Split(',', StringSplitOptions.TrimEntries).SequenceEqual(actions.Names, StringComparer.OrdinalIgnoreCase);

    public void Reset(int seed) => position = 0;

    public ActionVector Act(Observation observation, int step)
    {
        var action = script[position];
        position = (position + 1) % script.Length;
        return action;
    }
}
