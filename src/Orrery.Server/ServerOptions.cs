using Orrery.Core.Simulation;

namespace Orrery.Server;

/// <summary>How `orrery serve` / `orrery play` run the server. Defaults are safe for a laptop: loopback only.</summary>
public sealed record ServerOptions
{
    /// <summary>Folder whose direct children holding a manifest.json are the models clients may choose.</summary>
    public string ModelsDir { get; init; } = "models";

    /// <summary>Address to bind; anything but loopback requires ApiKey.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (read it back with OrreryServer.Url).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>Live sessions at most; one more gets 429.</summary>
    public int MaxSessions { get; init; } = 8;

    /// <summary>A session with no client and no action for this long is removed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest WebSocket message accepted from a client; larger ones get an error message, the session lives on.</summary>
    public int MaxMessageBytes { get; init; } = 4096;

    /// <summary>Required in header X-Api-Key (or ?key= on the WebSocket) for every /api request when set.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Origins allowed to open the stream WebSocket; empty = same origin only. Requests without Origin (non-browser) pass.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>Where snapshots are written; null = a folder under the system temp directory.</summary>
    public string? SnapshotsDir { get; init; }

    /// <summary>Loads a model folder as a simulator (on a loader thread, never the inference thread); null = the built-in world model loader.</summary>
    public Func<string, ISimulator>? ModelLoader { get; init; }

    /// <summary>Model preselected in the browser client (e.g. "maze-v1" or "truth-maze"); null = the first one listed.</summary>
    public string? DefaultModel { get; init; }

    /// <summary>World and seed preselected in the browser client.</summary>
    public int DefaultWorld { get; init; }

    public int DefaultSeed { get; init; }
}
