using Orrery.Core.Errors;

namespace Orrery.Runtime.Backends;

/// <summary>Opens a checkpoint folder as a backend (call on the inference thread).</summary>
public static class ModelBackends
{
    public static IWorldBackend Load(string checkpointDir) =>
        throw new OrreryException($"{checkpointDir}: world model backends are not available in this build yet; use model 'truth'");
}
