using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Orrery.Environments.Push;
using Xunit.Abstractions;

namespace Orrery.Server.Tests.EndToEnd;

/// <summary>
/// A real browser drives push with the pointer: holding a button on the frame sets the pusher's target where the
/// pointer is, the true simulator moves the pusher there, and the frame's state is shown beside it by field name.
/// </summary>
[Trait("Category", "Browser")]
public sealed class BrowserPointerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Holding_the_pointer_on_the_frame_moves_the_pusher_to_where_it_points()
    {
        await using var server = await RunningServer.Start();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.Launch(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 840 } });
        page.Console += (_, m) => output.WriteLine($"console: {m.Text}");
        await page.GotoAsync($"{server.Url}/?model=truth-push&world=0&seed=2");
        await page.WaitForFunctionAsync("() => window.orrery.views.length === 1 && window.orrery.views[0].info.model === 'truth-push' && window.orrery.views[0].framesReceived >= 3");
        var box = (await page.Locator(".view canvas").BoundingBoxAsync())!;

        // press at 3/4 across and 1/4 down, then drag to 1/4 across, 3/4 down: the target follows
        await page.Mouse.MoveAsync(box.X + 0.75f * box.Width, box.Y + 0.25f * box.Height);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 0.3f * box.Width, box.Y + 0.7f * box.Height, new() { Steps = 5 });
        var expected = new[] { -0.4 * PushEnvironment.Pointer.Scale[0], -0.4 * PushEnvironment.Pointer.Scale[1] };   // view (-0.4, -0.4)
        var id = await page.EvaluateAsync<string>("() => window.orrery.views[0].sessionId");
        await WaitForAction(server, id, expected);
        var reached = await page.EvaluateAsync<long>("() => window.orrery.views[0].frameIndex");
        await page.WaitForFunctionAsync($"() => window.orrery.views[0].frameIndex >= {reached + 24}", null, new() { Timeout = 30_000 });
        await page.Mouse.UpAsync();

        // the pusher went to the target (the target is in units of TargetReach metres); release keeps the target
        var latest = await server.Http.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/latest");
        var state = latest.GetProperty("streams").GetProperty("state").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        output.WriteLine($"pusher at ({state[0]:0.000}, {state[1]:0.000}) m, target ({expected[0] * PushTable.TargetReach:0.000}, {expected[1] * PushTable.TargetReach:0.000}) m");
        Assert.InRange(state[0], expected[0] * PushTable.TargetReach - 0.02, expected[0] * PushTable.TargetReach + 0.02);
        Assert.InRange(state[1], expected[1] * PushTable.TargetReach - 0.02, expected[1] * PushTable.TargetReach + 0.02);
        await WaitForAction(server, id, expected);

        // the state is shown beside the frame, value by field name
        var shown = await page.Locator(".view .streams").InnerTextAsync();
        Assert.Contains("pusher_x", shown);
        Assert.Contains("block_cos", shown);
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.orrery.views[0].errors"));
    }

    private static async Task WaitForAction(RunningServer server, string id, double[] expected)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var latest = await server.Http.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}/latest");
            var action = latest.GetProperty("action").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            if (action.Length == 2 && Math.Abs(action[0] - expected[0]) < 0.02 && Math.Abs(action[1] - expected[1]) < 0.02) return;
            await Task.Delay(100);
        }
        Assert.Fail($"the session never applied the pointer's action ({expected[0]:0.000}, {expected[1]:0.000})");
    }
}
