using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orrery.Core.Errors;

namespace Orrery.Model.Configs;

/// <summary>Overrides any config field from a JSON file or "section.field=value" pairs; unknown keys list the valid ones.</summary>
public static class ConfigOverrides
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
    };

    /// <summary>Every settable key, e.g. "dynamics.depth".</summary>
    public static IReadOnlyList<string> Keys(ModelConfig config)
    {
        var root = Settable(config);
        return root.SelectMany(section => section.Value!.AsObject().Select(f => $"{section.Key}.{f.Key}")).ToArray();
    }

    /// <summary>Applies "key=value" pairs; values are parsed as JSON numbers/booleans, else taken as strings.</summary>
    public static ModelConfig ApplySets(ModelConfig config, IEnumerable<string> sets)
    {
        var root = Settable(config);
        foreach (var set in sets)
        {
            var eq = set.IndexOf('=');
            if (eq <= 0) throw new OrreryException($"--set '{set}': expected key=value, e.g. dynamics.depth=4");
            var key = set[..eq].Trim();
            var field = Locate(root, key, config, "--set");
            var text = set[(eq + 1)..].Trim();
            field.Section[field.Name] = IsText(key) ? JsonValue.Create(text) : ParseValue(text, field.Section[field.Name], key);
        }
        return Deserialize(root, "--set");
    }

    /// <summary>Merges a JSON file shaped like the config ({"dynamics": {"depth": 4}}); unknown keys are errors.</summary>
    public static ModelConfig ApplyFile(ModelConfig config, string path)
    {
        if (!File.Exists(path)) throw new OrreryException($"{path}: config file not found");
        JsonObject patch;
        try
        {
            patch = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new OrreryException($"{path}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new OrreryException($"{path}: not valid JSON: {e.Message}");
        }
        var root = Settable(config);
        foreach (var (sectionName, sectionValue) in patch)
        {
            if (sectionValue is not JsonObject section) throw new OrreryException($"{path}: '{sectionName}' must be an object of fields");
            foreach (var (name, value) in section)
            {
                var field = Locate(root, $"{sectionName}.{name}", config, path);
                field.Section[field.Name] = value?.DeepClone();
            }
        }
        return Deserialize(root, path);
    }

    /// <summary>
    /// The config as JSON with every field present, also those written only when set (tokenizer.levels,
    /// dynamics.sampleTemperature), so that they can be listed and set like the others; values computed from other
    /// fields (no setter) are not fields.
    /// </summary>
    private static JsonObject Settable(ModelConfig config)
    {
        var root = JsonSerializer.SerializeToNode(config, Json)!.AsObject();
        foreach (var section in typeof(ModelConfig).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (root[Json.PropertyNamingPolicy!.ConvertName(section.Name)] is JsonObject fields)
                foreach (var field in section.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(f => f.CanWrite))
                    fields.TryAdd(Json.PropertyNamingPolicy.ConvertName(field.Name),
                                  JsonSerializer.SerializeToNode(field.GetValue(section.GetValue(config)), field.PropertyType, Json));
        return root;
    }

    private static (JsonObject Section, string Name) Locate(JsonObject root, string key, ModelConfig config, string source)
    {
        var parts = key.Split('.');
        if (parts.Length == 2)
        {
            var section = root.FirstOrDefault(p => string.Equals(p.Key, parts[0], StringComparison.OrdinalIgnoreCase));
            if (section.Value is JsonObject obj)
            {
                var field = obj.FirstOrDefault(p => string.Equals(p.Key, parts[1], StringComparison.OrdinalIgnoreCase));
                if (field.Key is not null) return (obj, field.Key);
            }
        }
        throw new OrreryException($"{source}: unknown config key '{key}'; valid keys: {string.Join(", ", Keys(config))}");
    }

    private static JsonNode? ParseValue(string text, JsonNode? current, string key)
    {
        var kind = current?.GetValueKind();
        if (kind == JsonValueKind.String) return JsonValue.Create(text);
        if (kind is null or JsonValueKind.Null or JsonValueKind.Array && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return new JsonArray(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(t => t != "none").Select(ListItem).ToArray());   // a list: a,b,c (none = empty)
        if (kind is JsonValueKind.True or JsonValueKind.False)
            return bool.TryParse(text, out var b) ? JsonValue.Create(b) : throw new OrreryException($"--set {key}: expected true or false, found '{text}'");
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return JsonNode.Parse(text);
        throw new OrreryException($"--set {key}: expected a number, found '{text}'");
    }

    /// <summary>An item of a comma-separated list: a number if it reads as one (tokenizer.levels), else a string (dynamics.streamHeads).</summary>
    private static JsonNode ListItem(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? JsonNode.Parse(text)! : JsonValue.Create(text)!;

    /// <summary>A choice given on the command line (e.g. --precision bf16) in the spelling configs use; `name` names it in the error.</summary>
    public static TEnum ParseChoice<TEnum>(string text, string name) where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
            if (string.Equals(Spelling(value), text, StringComparison.OrdinalIgnoreCase)) return value;
        throw new OrreryException($"{name} '{text}': expected {Choices(typeof(TEnum))}");
    }

    /// <summary>How configs, manifests and the command line spell a choice: "flow", "bf16", "cpu".</summary>
    public static string Spelling(Enum choice) => JsonNamingPolicy.CamelCase.ConvertName(choice.ToString());

    private static string Choices(Type enumType) => string.Join(" or ", Enum.GetValues(enumType).Cast<Enum>().Select(Spelling));

    /// <summary>Whether the field a key such as "dynamics.memoryStream" names holds text (so an unset one is not read as a list).</summary>
    private static bool IsText(string key) => key.Split('.') is [var section, var name] && FieldType(section, name) == typeof(string);

    /// <summary>The enum-typed config field a JSON path such as "$.dynamics.head" names, or null.</summary>
    private static (string Key, string Section, string Name, Type Type)? EnumField(string? path)
    {
        var parts = path?.Split('.');
        if (parts is not ["$", var section, var name]) return null;
        return FieldType(section, name) is { IsEnum: true } type ? ($"{section}.{name}", section, name, type) : null;
    }

    /// <summary>The type of config field section.name (any case), or null when there is none.</summary>
    private static Type? FieldType(string section, string name)
    {
        var group = typeof(ModelConfig).GetProperty(section, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return group?.PropertyType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
    }

    private static ModelConfig Deserialize(JsonObject root, string source)
    {
        try
        {
            return root.Deserialize<ModelConfig>(Json) ?? throw new OrreryException($"{source}: empty config");
        }
        catch (JsonException e)
        {
            if (EnumField(e.Path) is { } field)
                throw new OrreryException($"{source}: {field.Key}='{root[field.Section]?[field.Name]}': expected {Choices(field.Type)}");
            throw new OrreryException($"{source}: a value has the wrong type ({e.Path}): {e.Message.Split('.')[0]}");
        }
    }
}
