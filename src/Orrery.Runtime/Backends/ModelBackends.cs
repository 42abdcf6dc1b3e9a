using Orrery.Model;

namespace Orrery.Runtime.Backends;

/// <summary>Opens a checkpoint folder as a backend (call on the inference thread).</summary>
public static class ModelBackends
{
    public static IWorldBackend Load(string checkpointDir) => WorldModelBackend.Load(checkpointDir, new WorldModelOptions());
}
