using System.Text.Json;
using System.Text.Json.Serialization;
using Orrery.Core.IO;

namespace Orrery.Evaluation.Reports;

/// <summary>How eval reports are written: camelCase, indented, null sections left out (docs/schemas/eval.schema.json).</summary>
public static class EvalJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // NaN would be a bug; written as a string it fails the schema's "number" instead of losing an hour-long run.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(EvalReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>Writes the report crash-safely.</summary>
    public static void Write(string path, EvalReport report) => AtomicFile.WriteAllText(path, Serialize(report) + "\n");
}
