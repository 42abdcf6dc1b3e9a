using System.Text.Json.Serialization;

namespace Orrery.Model.Configs;

/// <summary>
/// How the dynamics predicts the next latent: "regression" (MSE on the next latent), "flow" (a rectified-flow head
/// that samples it) or "categorical" (the most likely code of a quantized tokenizer, trained with cross-entropy).
/// </summary>
[JsonConverter(typeof(ConfigEnumConverter<DynamicsHead>))]
public enum DynamicsHead
{
    Regression,
    Flow,
    Categorical,
}
