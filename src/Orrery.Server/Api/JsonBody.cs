using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Orrery.Server.Api;

/// <summary>
/// Reads a request's JSON body into a request record. Malformed JSON, a body that is not an object, or a value of the
/// wrong type is a 400 whose one-line error names the field and what was expected (docs/api.md), where the framework's
/// own binding answers with an empty body.
/// </summary>
public static class JsonBody
{
    // strict numbers: "3" where an integer belongs is a mistake to report, not to guess at
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict };

    /// <summary>The body as T, or null when the request has no body.</summary>
    public static async Task<T?> Read<T>(HttpRequest request) where T : class
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length == 0) return null;
        var bytes = buffer.ToArray();
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Options);
        }
        catch (JsonException e)
        {
            throw new ApiProblem(StatusCodes.Status400BadRequest, $"request body: {Describe<T>(bytes, e)}");
        }
    }

    private static string Describe<T>(byte[] bytes, JsonException e)
    {
        var fields = typeof(T).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToArray();
        var expected = $"expected a JSON object with fields {string.Join(", ", fields)}";
        var field = FieldOf(e.Path);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            root = document.RootElement.Clone();
        }
        catch (JsonException syntax)
        {
            var where = $"line {syntax.LineNumber + 1}, byte {syntax.BytePositionInLine + 1}";
            return field is null ? $"not valid JSON at {where}; {expected}" : $"not valid JSON at {where}, in field '{field}'; {expected}";
        }
        if (root.ValueKind != JsonValueKind.Object) return $"{expected}, found {Found(root)}";
        var property = field is null ? null : typeof(T).GetProperties().FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
        if (property is null) return $"{e.Message.Split(" Path:")[0]} ({expected})";
        var value = root.EnumerateObject().First(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase)).Value;
        return $"field '{field}': expected {Kind(property)}, found {Found(value)}";
    }

    /// <summary>"$.seed" -> "seed"; the root or a path we cannot name -> null.</summary>
    private static string? FieldOf(string? path)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal)) return null;
        var name = path[2..];
        var end = name.IndexOfAny(['.', '[']);
        return end < 0 ? name : name[..end];
    }

    private static string Kind(PropertyInfo property) =>
        (Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) switch
        {
            var t when t == typeof(string) => "a string",
            var t when t == typeof(int) || t == typeof(long) => "an integer",
            var t when t == typeof(bool) => "true or false",
            var t when t == typeof(float) || t == typeof(double) => "a number",
            var t => t.Name,
        };

    private static string Found(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        _ => value.GetRawText(),
    };
}
