using Microsoft.Playwright;

namespace Orrery.Server.Tests.EndToEnd;

/// <summary>Debian's chromium under Playwright, headless and quiet, for the end-to-end tests (shared notes on browser tests).</summary>
public static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>Fails (never skips: xunit 2 cannot at run time) when chromium is missing, naming how to install it.</summary>
    public static async Task<IBrowser> Launch(IPlaywright playwright)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: install it with `sudo apt-get install -y chromium` (.ci/run does)");
        return await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }
}
