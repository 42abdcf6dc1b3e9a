using System.Globalization;
using Orrery.Core.Errors;

namespace Orrery.Evaluation.Protocols;

/// <summary>Parses integer lists as the CLI takes them: "0-3", "1,4,16", "0-1,5", or "" for none.</summary>
public static class WorldList
{
    public static IReadOnlyList<int> Parse(string text, string option)
    {
        var result = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', 1);
            if (dash > 0 && Int(part[..dash]) is { } lo && Int(part[(dash + 1)..]) is { } hi && lo <= hi)
                result.AddRange(Enumerable.Range(lo, hi - lo + 1));
            else if (dash < 0 && Int(part) is { } single)
                result.Add(single);
            else
                throw new OrreryException($"{option}: '{part}' is not a number or a range like 0-3");
        }
        return result;
    }

    private static int? Int(string s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
