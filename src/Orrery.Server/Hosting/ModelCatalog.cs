using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Orrery.Core.Simulation;
using Orrery.Environments;
using Orrery.Runtime.Sessions;
using Orrery.Runtime.Scheduling;
using Orrery.Server.Api;

namespace Orrery.Server.Hosting;

/// <summary>
/// The simulators a client may choose: the ground truth of every registered environment ("truth-maze", "truth-reach")
/// and each direct child of the models folder that holds a manifest.json. Names are resolved only inside that folder.
/// One simulator per name is shared by all its sessions, so the engine can batch them.
/// </summary>
public sealed class ModelCatalog(ServerOptions options, SessionEngine engine) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ISimulator>>> loaded = new(StringComparer.Ordinal);

    /// <summary>One entry of GET /api/models.</summary>
    public sealed record ModelEntry(string Name, string Kind, string Description);

    public string ModelsDir { get; } = Path.GetFullPath(options.ModelsDir);

    public IReadOnlyList<ModelEntry> List()
    {
        var list = new List<ModelEntry>();
        if (Directory.Exists(ModelsDir))
            list.AddRange(Directory.GetDirectories(ModelsDir)
                .Where(d => File.Exists(Path.Combine(d, "manifest.json")))
                .Select(d => new ModelEntry(Path.GetFileName(d), "model", "world model checkpoint"))
                .OrderBy(m => m.Name, StringComparer.Ordinal));
        list.AddRange(EnvironmentRegistry.All.Select(e => new ModelEntry(TruthName(e.Name), "environment", $"the ground truth itself: {e.Description}")));
        return list;
    }

    /// <summary>The name under which the ground truth of an environment is listed.</summary>
    public static string TruthName(string environment) => $"{TruthPrefix}{environment}";

    private const string TruthPrefix = "truth-";

    /// <summary>The name a session gets when a client names none: the configured default, else the first listed.</summary>
    public string DefaultName => options.DefaultModel ?? List()[0].Name;

    /// <summary>
    /// The simulator for a name, loaded once, on a thread of its own: a load takes seconds, and on the inference
    /// thread it would stall every live session. Handing the loaded model to that thread afterwards keeps TorchSharp's
    /// rule that one thread at a time uses a model: its thread-local state (dispose scopes, inference mode) lives only
    /// inside a call, and the load leaves none open. The torch thread count a load sets is stored process-wide and each
    /// thread's OpenMP pool takes it up at its first parallel operation; the inference thread runs none before the
    /// first model is loaded, and every model here is loaded with the same count.
    /// </summary>
    public Task<ISimulator> Resolve(string? name)
    {
        var model = string.IsNullOrWhiteSpace(name) ? DefaultName : name.Trim();
        var dir = model.StartsWith(TruthPrefix, StringComparison.Ordinal) ? "" : Folder(model);
        var entry = loaded.GetOrAdd(model, _ => new Lazy<Task<ISimulator>>(() =>
            Task.Factory.StartNew(() => Load(model, dir), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        // a failed load is not remembered: a fixed folder loads on the next request
        _ = entry.Value.ContinueWith(_ => loaded.TryRemove(KeyValuePair.Create(model, entry)), CancellationToken.None,
                                     TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return entry.Value;
    }

    /// <summary>Checks a model name is a plain folder name inside the models folder and that it holds a checkpoint.</summary>
    public string Folder(string name)
    {
        if (name.Contains("..", StringComparison.Ordinal) || name.IndexOfAny(['/', '\\', '\0', ':']) >= 0 || Path.IsPathRooted(name) || name.StartsWith('.'))
            throw new ApiProblem(StatusCodes.Status400BadRequest, $"model '{name}': expected a folder name inside the models folder (no paths, no '..')");
        var dir = Path.GetFullPath(Path.Combine(ModelsDir, name));
        if (Path.GetDirectoryName(dir) != ModelsDir)
            throw new ApiProblem(StatusCodes.Status400BadRequest, $"model '{name}': expected a direct child of the models folder");
        if (!File.Exists(Path.Combine(dir, "manifest.json")))
            throw new ApiProblem(StatusCodes.Status400BadRequest, $"model '{name}': no {Path.Combine(dir, "manifest.json")}; known models: {string.Join(", ", List().Select(m => m.Name))}");
        return dir;
    }

    public void Dispose()
    {
        // the inference thread may be stepping one of these models: stop it before their weights are freed
        engine.Dispose();
        foreach (var entry in loaded.Values)
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully) entry.Value.Result.Dispose();
    }

    private ISimulator Load(string name, string dir)
    {
        if (dir.Length == 0) return new EnvironmentSimulator(EnvironmentRegistry.Info(name[TruthPrefix.Length..]).Name);
        var loader = options.ModelLoader ?? SessionModels.Load;
        return loader(dir);
    }
}
