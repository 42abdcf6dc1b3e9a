using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orrery.Environments;
using Orrery.Runtime.Scheduling;
using Orrery.Server.Api;
using Orrery.Server.Hosting;

namespace Orrery.Server.Tests.Hosting;

/// <summary>
/// Models load on a thread of their own, never the inference thread: no session waits on a load, and no request can
/// make that thread wait on work queued behind itself. The two timed tests of the suite, bounded so a deadlock fails.
/// </summary>
[Collection(TimedCollection.Name)]
public sealed class ModelCatalogTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string models = Path.Combine(Path.GetTempPath(), $"orrery-catalog-tests-{Guid.NewGuid():N}");

    public ModelCatalogTests()
    {
        Directory.CreateDirectory(Path.Combine(models, "tiny"));
        File.WriteAllText(Path.Combine(models, "tiny", "manifest.json"), "{}");   // the loader below ignores it
    }

    public void Dispose() => Directory.Delete(models, recursive: true);

    [Fact]
    public async Task A_restore_racing_a_create_of_the_same_unloaded_model_completes()
    {
        var (snapshotId, snapshot, frameIndex) = await SnapshotOfTiny();
        using var loading = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var server = await RunningServer.Start(new ServerOptions
        {
            ModelsDir = models,
            ModelLoader = dir =>
            {
                loading.Set();
                release.Wait(Bound);
                return TinyModel.Load(dir);
            },
        });
        Directory.CreateDirectory(server.Options.SnapshotsDir!);
        File.WriteAllBytes(Path.Combine(server.Options.SnapshotsDir!, $"{snapshotId}.orrsnap"), snapshot);

        // hold the inference thread, so both requests queue behind it: restore first, then a create whose load is
        // still running. Had the restore resolved its model on that thread, it would wait there for the load queued
        // behind it, forever.
        using var holding = new ManualResetEventSlim();
        using var hold = new ManualResetEventSlim();
        var held = server.Engine.Invoke(() =>
        {
            holding.Set();
            return hold.Wait(Bound);
        });
        await Until(() => holding.IsSet, Bound);
        var restore = server.Http.PostAsync($"/api/snapshots/{snapshotId}/restore", null);
        await Until(() => loading.IsSet || server.Engine.Stats.PendingWork >= 1, Bound);
        var create = server.Http.PostAsJsonAsync("/api/sessions", new { model = "tiny" });
        await Until(() => server.Engine.Stats.PendingWork >= 2, TimeSpan.FromSeconds(1));
        release.Set();
        hold.Set();
        var both = Task.WhenAll(restore, create);
        // sooner than the client's own 30 s timeout; a stuck server cannot be stopped (its inference thread never
        // returns), so a failure leaves it behind rather than hang the run
        var finished = await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(20))) == both;
        Assert.True(finished && both.IsCompletedSuccessfully, $"restore and create did not both answer within 20 s: the inference thread is stuck ({both.Exception?.InnerException?.Message})");
        await using (server)
        {
            await held;
            Assert.Equal(HttpStatusCode.Created, (await create).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await restore).StatusCode);
            var restored = (await (await restore).Content.ReadFromJsonAsync<SessionInfo>(RunningServer.Json))!;
            Assert.Equal(frameIndex, restored.FrameIndex);
            await Until(async () => (await server.Http.GetFromJsonAsync<SessionInfo>($"/api/sessions/{restored.Id}", RunningServer.Json))!.FrameIndex > frameIndex, Bound);
        }
    }

    [Fact]
    public async Task A_model_load_leaves_streaming_sessions_at_their_frame_rate()
    {
        using var loading = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        await using var server = await RunningServer.Start(new ServerOptions
        {
            ModelsDir = models,
            ModelLoader = dir =>
            {
                loading.Set();
                release.Wait(Bound);   // a load that lasts as long as the test measures
                return TinyModel.Load(dir);
            },
        });
        var window = TimeSpan.FromSeconds(6);
        var clients = new List<FrameLog>();
        for (var i = 0; i < 4; i++) clients.Add(await FrameLog.Start(server, (await server.CreateSession(world: i, seed: i)).Id));
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1));   // connections set up, first frames through
            var before = await Measure(clients, window);
            var create = server.Http.PostAsJsonAsync("/api/sessions", new { model = "tiny" });
            await Until(() => loading.IsSet, Bound);
            var during = await Measure(clients, window);
            release.Set();
            Assert.Equal(HttpStatusCode.Created, (await create).StatusCode);
            for (var c = 0; c < clients.Count; c++)
                Assert.True(Math.Abs(during[c] - before[c]) <= 0.1 * before[c],
                            $"session {c}: {before[c]:0.0} fps before the load, {during[c]:0.0} fps while it ran");
        }
        finally
        {
            foreach (var c in clients) await c.DisposeAsync();
        }
    }

    [Fact]
    public void Disposing_the_catalog_stops_the_inference_thread_before_it_frees_models()
    {
        // the container disposes the catalog before the engine; were the engine still stepping a model then, its
        // freed weights would be used from native code and bring the whole process down
        using var engine = new SessionEngine(new EnvironmentContext());
        new ModelCatalog(new ServerOptions { ModelsDir = models }, engine).Dispose();
        Assert.Throws<ObjectDisposedException>(() => { _ = engine.Invoke(() => 0); });   // refused at once, not queued
    }

    /// <summary>A snapshot of a live "tiny" session, made by a server of its own (so the next server has not loaded the model).</summary>
    private async Task<(string Id, byte[] File, long FrameIndex)> SnapshotOfTiny()
    {
        await using var first = await RunningServer.Start(new ServerOptions { ModelsDir = models, ModelLoader = TinyModel.Load });
        var info = await first.CreateSession(model: "tiny");
        var snap = await (await first.Http.PostAsync($"/api/sessions/{info.Id}/snapshot", null)).Content.ReadFromJsonAsync<JsonElement>();
        var file = await first.Http.GetByteArrayAsync(snap.GetProperty("download").GetString());
        return (snap.GetProperty("snapshotId").GetString()!, file, snap.GetProperty("frameIndex").GetInt64());
    }

    /// <summary>Frames per second each session made during the next window, from the frame indices and server times it sent.</summary>
    private static async Task<double[]> Measure(IReadOnlyList<FrameLog> clients, TimeSpan window)
    {
        var from = Now();
        await Task.Delay(window);
        var to = Now();
        return clients.Select(c => c.Rate(from, to)).ToArray();
    }

    private static double Now() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalMilliseconds;

    private static Task Until(Func<bool> done, TimeSpan bound) => Until(() => Task.FromResult(done()), bound);

    /// <summary>Polls until done or the bound passes; the caller's asserts say what was missing.</summary>
    private static async Task Until(Func<Task<bool>> done, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!await done() && DateTime.UtcNow < deadline) await Task.Delay(20);
    }
}
