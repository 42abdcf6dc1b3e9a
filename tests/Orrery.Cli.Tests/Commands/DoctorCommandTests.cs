using System.Text.Json;
using Orrery.Cli.Terminal;

namespace Orrery.Cli.Tests.Commands;

[Collection(OrreryProcessCollection.Name)]
public sealed class DoctorCommandTests
{
    [Fact]
    public void Json_report_says_dotnet_and_torch_are_ok()
    {
        var checks = Checks(out var root);

        Assert.True(checks[".NET"].GetProperty("ok").GetBoolean());
        Assert.True(checks["torch"].GetProperty("ok").GetBoolean(), checks["torch"].GetProperty("value").GetString());
        // ok is true only when every check passed, optional tools included.
        Assert.Equal(checks.Values.All(c => c.GetProperty("ok").GetBoolean()), root.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void Json_report_is_ok_on_this_machine()
    {
        // This machine has ffmpeg and chromium (apt, /usr/bin); a laptop without them reports ok=false by design.
        var checks = Checks(out var root);

        Assert.True(root.GetProperty("ok").GetBoolean(),
                    string.Join("; ", checks.Values.Where(c => !c.GetProperty("ok").GetBoolean()).Select(c => c.GetRawText())));
    }

    [Theory]
    [InlineData("ffmpeg")]
    [InlineData("chromium")]
    public void Json_report_has_an_entry_for_each_optional_tool_and_a_fix_when_it_is_missing(string tool)
    {
        var check = Checks(out _)[tool];

        if (!check.GetProperty("ok").GetBoolean())
            Assert.Contains("install", check.GetProperty("fix").GetString());
        else
            Assert.True(File.Exists(check.GetProperty("value").GetString()));
    }

    private static Dictionary<string, JsonElement> Checks(out JsonElement root)
    {
        var run = OrreryProcess.Run("doctor", "--json");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        root = JsonDocument.Parse(run.Stdout).RootElement;
        return root.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
    }
}
