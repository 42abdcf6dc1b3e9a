using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Model;

namespace Orrery.Evaluation.Rollouts;

/// <summary>Checks that a model can be run against an environment: same frame shape and same action names in the same order.</summary>
public static class ModelEnvironmentMatch
{
    public static void Check(WorldModel model, IEnvironment env, string modelDir)
    {
        if (model.Spec != env.ObservationSpec)
            throw new OrreryException($"{modelDir}: the model sees {model.Spec} frames but environment '{env.Name}' renders {env.ObservationSpec}");
        if (!model.ActionNames.SequenceEqual(env.ActionSpace.Names, StringComparer.OrdinalIgnoreCase))
            throw new OrreryException($"{modelDir}: the model's actions ({string.Join(", ", model.ActionNames)}) differ from '{env.Name}''s ({string.Join(", ", env.ActionSpace.Names)})");
    }
}
