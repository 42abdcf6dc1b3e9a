using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Orrery.Core.Spaces;
using Orrery.Environments;
using Orrery.Runtime.Recording;
using Orrery.Runtime.Sessions;
using Xunit.Abstractions;

namespace Orrery.Server.Tests.EndToEnd;

/// <summary>
/// A real browser (Debian's chromium, driven by Playwright) plays the truth maze through the web client, and what
/// it drew is checked against the ground-truth environment, frame for frame. See shared notes on browser tests.
/// </summary>
[Trait("Category", "Browser")]
public sealed class BrowserPlayTests(ITestOutputHelper output)
{
    private const int TurnLeft = 3;

    /// <summary>
    /// The ground truth must show exactly the environment's view after the applied turns. The shipped model must
    /// show exactly the frame the model computes offline for the same actions (bit-exact replay at batch 1); how far
    /// that frame is from the true view is logged, and measured properly by `orrery eval`.
    /// </summary>
    [Theory]
    [InlineData("truth-maze")]
    [InlineData("maze-v1")]
    [InlineData("maze-v2")]
    public async Task Holding_turn_left_turns_the_view_as_the_simulator_computes_it(string model)
    {
        await using var server = await RunningServer.Start(model == "truth-maze" ? null : new ServerOptions { ModelsDir = ShippedModels() });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.Launch(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 840 } });
        page.Console += (_, m) => output.WriteLine($"console: {m.Text}");
        await page.GotoAsync(server.Url);
        Assert.Equal("Orrery", await page.TitleAsync());
        // the page opens on a live session of the server's default model (none configured: the first listed) without a click
        await page.WaitForFunctionAsync("() => window.orrery.views.length === 1 && window.orrery.views[0].framesReceived >= 3");
        var defaultModel = (await server.Http.GetFromJsonAsync<JsonElement>("/api/config")).GetProperty("defaultModel").GetString();
        Assert.Equal((await server.Http.GetFromJsonAsync<JsonElement>("/api/models"))[0].GetProperty("name").GetString(), defaultModel);
        Assert.Equal(defaultModel, await page.EvaluateAsync<string>("() => window.orrery.views[0].info.model"));
        var opened = await page.EvaluateAsync<string>("() => window.orrery.views[0].sessionId");

        await page.SelectOptionAsync("#model", model);
        await page.FillAsync("#world", "0");
        await page.FillAsync("#seed", "0");
        await page.ClickAsync("#new-session");
        await page.WaitForFunctionAsync($"() => window.orrery.views.length === 1 && window.orrery.views[0].sessionId !== '{opened}' && window.orrery.views[0].framesReceived >= 3");
        // the session it replaced is gone from the server, not left to idle in a session slot
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await server.Http.GetAsync($"/api/sessions/{opened}")).StatusCode);

        // hold the key for one second of the world's time (24 frames), however busy the machine is
        var before = await page.EvaluateAsync<long>("() => window.orrery.views[0].framesReceived");
        await page.Keyboard.DownAsync("ArrowLeft");
        await page.WaitForTimeoutAsync(1000);
        await page.WaitForFunctionAsync($"() => window.orrery.views[0].framesReceived >= {before + 24}", null, new() { Timeout = 20_000 });
        await page.Keyboard.UpAsync("ArrowLeft");
        // let the release reach the server and a few noop frames come back, so the canvas shows the final pose
        await page.WaitForFunctionAsync("() => window.orrery.views[0].lastAction === 0");
        var settled = await page.EvaluateAsync<long>("() => window.orrery.views[0].frameIndex");
        await page.WaitForFunctionAsync($"() => window.orrery.views[0].frameIndex >= {settled + 3}");

        var shown = await page.EvaluateAsync<JsonElement>(
            """
            () => {
              const v = window.orrery.views[0];
              const c = v.canvas;
              const rgba = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              const rgb = [];
              for (let i = 0; i < rgba.length; i += 4) rgb.push(rgba[i], rgba[i + 1], rgba[i + 2]);
              return { id: v.sessionId, frameIndex: v.frameIndex, width: c.width, height: c.height, rgb };
            }
            """);
        var canvas = shown.GetProperty("rgb").EnumerateArray().Select(e => (byte)e.GetInt32()).ToArray();
        var frameIndex = shown.GetProperty("frameIndex").GetInt64();
        Assert.Equal(64 * 64 * 3, canvas.Length);

        var provenance = await server.Http.GetFromJsonAsync<JsonElement>($"/api/sessions/{shown.GetProperty("id").GetString()}/provenance");
        var ticks = provenance.GetProperty("tickActions").Deserialize<ActionVector[]>()!.Take((int)frameIndex).ToArray();
        Assert.Equal(frameIndex, ticks.Length);
        var turns = ticks.Count(a => a.Index == TurnLeft);
        Assert.All(ticks, a => Assert.True(a.Index is 0 or TurnLeft && a.Length == 1, $"unexpected action {a}"));
        Assert.True(turns >= 20, $"holding ArrowLeft for 24 frames gave only {turns} turn-left ticks");

        // the truth: the same start, turned k times; which k looks like the canvas?
        var env = EnvironmentRegistry.Create("maze", 0, 64);
        var frame = env.Reset(0).Frame;
        var errors = new List<double> { MeanAbsoluteError(frame, canvas) };
        for (var k = 1; k < 48; k++)
        {
            frame = env.Step(ActionVector.Discrete(TurnLeft)).Frame;
            errors.Add(MeanAbsoluteError(frame, canvas));
        }
        var best = errors.IndexOf(errors.Min());
        var circular = Math.Min(Math.Abs(best - turns % 48), 48 - Math.Abs(best - turns % 48));
        output.WriteLine($"server ({model}): {frameIndex} frames, {turns} turn-left ticks; truth best match: {best} turns (MAE {errors[best]:0.000}, next best {errors.Where((_, i) => i != best).Min():0.000})");
        if (model == "truth-maze")
        {
            Assert.True(circular <= 1, $"the canvas looks like {best} turns but the server applied {turns}");
            Assert.True(errors[best] < 1.0, $"the canvas differs from the true frame by MAE {errors[best]:0.00}");
        }
        else
        {
            using var simulator = SessionModels.Load(Path.Combine(ShippedModels(), model));
            var expected = SessionReplay.Frames(simulator, simulator.IdentityHash, new SessionStart(0, 0), ticks, new EnvironmentContext())[^1];
            var replayError = MeanAbsoluteError(expected, canvas);
            output.WriteLine($"offline replay of the same {ticks.Length} actions: MAE {replayError:0.000} to the canvas");
            Assert.True(replayError < 0.5, $"the canvas differs from the model's own replay by MAE {replayError:0.00}");
            var still = SessionReplay.Frames(simulator, simulator.IdentityHash, new SessionStart(0, 0), ticks.Select(_ => ActionVector.Discrete(0)).ToArray(), new EnvironmentContext())[^1];
            Assert.True(MeanAbsoluteError(still, canvas) > 2.0, "in the model, turning left looked the same as standing still");
        }

        // a fork opens a second live view; then keep the picture as an artifact
        await page.ClickAsync(".view >> text=Fork");
        await page.WaitForFunctionAsync("() => window.orrery.views.length === 2 && window.orrery.views[1].framesReceived >= 3");
        await page.Keyboard.DownAsync("KeyW");
        await page.WaitForTimeoutAsync(400);
        await page.Keyboard.UpAsync("KeyW");
        await page.WaitForTimeoutAsync(300);
        var shot = Path.Combine(AppContext.BaseDirectory, "artifacts", $"browser-play-{model}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.ScreenshotAsync(new() { Path = shot });
        output.WriteLine($"screenshot: {shot}");
        Assert.True(new FileInfo(shot).Length > 10_000);

        // a shareable link starts its session by itself (the README picture: docs/images/play.png comes from here)
        await page.GotoAsync($"{server.Url}/?model={model}&world=0&seed=1");
        await page.WaitForFunctionAsync("() => window.orrery.views.length === 1 && window.orrery.views[0].framesReceived >= 30");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.orrery.views[0].info.seed"));
        var readme = Path.Combine(AppContext.BaseDirectory, "artifacts", $"play-{model}.png");
        await page.ScreenshotAsync(new() { Path = readme });
        output.WriteLine($"screenshot: {readme}");
    }

    /// <summary>The repository's models/ folder (holding the shipped maze-v1), found above the test output.</summary>
    private static string ShippedModels()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "models", "maze-v1", "manifest.json"))) return Path.Combine(dir.FullName, "models");
        throw new InvalidOperationException("models/maze-v1 not found above " + AppContext.BaseDirectory);
    }

    private static double MeanAbsoluteError(byte[] a, byte[] b)
    {
        long sum = 0;
        for (var i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return (double)sum / a.Length;
    }
}
