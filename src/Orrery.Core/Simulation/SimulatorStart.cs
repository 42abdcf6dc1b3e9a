using Orrery.Core.Environments;
using Orrery.Core.Spaces;

namespace Orrery.Core.Simulation;

/// <summary>
/// Where a rollout begins: one or more context observations, the actions that produced them (Actions[t] produced
/// Context[t]; Actions[0] is <see cref="ActionVector.Unknown"/>), a sampling seed, and, when the context was recorded
/// in a ground-truth environment, its <see cref="EpisodeOrigin"/> (the truth cannot begin from pixels; it replays the
/// origin instead).
/// </summary>
public sealed record SimulatorStart(IReadOnlyList<Observation> Context, IReadOnlyList<ActionVector> Actions, long Seed, EpisodeOrigin? Origin = null);

/// <summary>An episode of a ground-truth environment: its world (layout or variant; 0 where there is one) and reset seed.</summary>
public sealed record EpisodeOrigin(int World, int ResetSeed);
