using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Orrery.Runtime.Recording;
using Orrery.Runtime.Scheduling;
using Orrery.Runtime.Sessions;
using Orrery.Server.Api;

namespace Orrery.Server.Hosting;

/// <summary>
/// The server's live sessions: enforces the session limit (429 past it), finds sessions by id, keeps snapshots in
/// their folder, and removes idle sessions (no client and no action for the idle timeout).
/// </summary>
public sealed class SessionRegistry : IDisposable
{
    private readonly ServerOptions options;
    private readonly SessionEngine engine;
    private readonly ModelCatalog catalog;
    private readonly Timer sweeper;
    private readonly object slotsLock = new();
    private int reserved;

    public SessionRegistry(ServerOptions options, SessionEngine engine, ModelCatalog catalog)
    {
        this.options = options;
        this.engine = engine;
        this.catalog = catalog;
        SnapshotsDir = Path.GetFullPath(options.SnapshotsDir ?? Path.Combine(Path.GetTempPath(), "orrery", "snapshots"));
        var every = TimeSpan.FromTicks(Math.Clamp(options.IdleTimeout.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(5).Ticks));
        sweeper = new Timer(_ => SweepIdle(), null, every, every);
    }

    public string SnapshotsDir { get; }

    public SessionEngine Engine => engine;

    public int Count => engine.Sessions.Count;

    public Session Get(string id) =>
        engine.Sessions.FirstOrDefault(s => s.Id == id) ?? throw ApiProblem.NotFound($"no session '{id}' (it may have ended or been removed when idle)");

    /// <summary>Creates a session through <paramref name="create"/> if a slot is free; 429 otherwise.</summary>
    public async Task<Session> Add(Func<Task<Session>> create)
    {
        lock (slotsLock)
        {
            if (engine.Sessions.Count + reserved >= options.MaxSessions)
                throw new ApiProblem(StatusCodes.Status429TooManyRequests, $"session limit reached ({options.MaxSessions}); delete a session or wait for an idle one to end");
            reserved++;
        }
        try
        {
            return await create();
        }
        finally
        {
            lock (slotsLock) reserved--;
        }
    }

    public Task<bool> Remove(Session session) => engine.Remove(session);

    /// <summary>Writes a snapshot and returns its id (the file name without extension).</summary>
    public async Task<(string Id, SnapshotInfo Info)> Snapshot(Session session)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var info = await engine.Snapshot(session, SnapshotPath(id));
        return (id, info);
    }

    /// <summary>The file of a snapshot id; ids are hex only, so no path can be smuggled in.</summary>
    public string SnapshotPath(string id)
    {
        if (id.Length is 0 or > 64 || !id.All(char.IsAsciiHexDigitLower))
            throw new ApiProblem(StatusCodes.Status400BadRequest, $"snapshot id '{id}': expected lower-case hex");
        return Path.Combine(SnapshotsDir, id + ".orrsnap");
    }

    /// <summary>
    /// Reads the snapshot and awaits its simulator here, on the request, so the inference thread only ever gets work it
    /// can finish: were it to wait on a model load queued behind itself, every session would freeze.
    /// </summary>
    public async Task<Session> Restore(string snapshotId)
    {
        var path = SnapshotPath(snapshotId);
        if (!File.Exists(path)) throw ApiProblem.NotFound($"no snapshot '{snapshotId}'");
        var snapshot = SessionSnapshot.ReadFile(path);
        var simulator = await catalog.Resolve(snapshot.Header.Simulator);
        return await Add(() => engine.Restore(snapshot, simulator));
    }

    public void Dispose()
    {
        // wait for a sweep in flight: one that reaches the engine after it stopped would throw on a timer thread
        using var swept = new ManualResetEvent(false);
        if (sweeper.Dispose(swept)) swept.WaitOne();
    }

    private void SweepIdle()
    {
        var cutoff = DateTimeOffset.UtcNow - options.IdleTimeout;
        foreach (var s in engine.Sessions)
            if (s.Clients == 0 && s.LastActivity < cutoff)
                _ = engine.Remove(s);
    }
}
