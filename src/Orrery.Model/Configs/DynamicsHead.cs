using System.Text.Json.Serialization;

namespace Orrery.Model.Configs;

/// <summary>How the dynamics predicts the next latent: "regression" (MSE on the next latent) or "flow" (a rectified-flow head that samples it).</summary>
[JsonConverter(typeof(ConfigEnumConverter<DynamicsHead>))]
public enum DynamicsHead
{
    Regression,
    Flow,
}
