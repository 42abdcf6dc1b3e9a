namespace Orrery.Evaluation.Reports;

/// <summary>
/// Geometry and memory: does the model show the same place when the agent comes back to it? Geometry loops
/// (Turn360: 48 turn steps, a full circle; TurnOutAndBack: 24 steps left, 24 right) run in the seen worlds; memory
/// loops (Corridor: walk out and back; TurnAwayAndBack: turn 180 degrees, wait, turn back) for each time away run in
/// MemoryWorlds, the unseen worlds when the run has any, so the layout cannot come from the weights.
/// </summary>
public sealed record LoopClosureReport(IReadOnlyList<LoopResult> Turn360, IReadOnlyList<LoopResult> TurnOutAndBack,
                                       IReadOnlyList<LoopResult> Corridor, IReadOnlyList<LoopResult> TurnAwayAndBack,
                                       IReadOnlyList<int> MemoryWorlds, bool MemoryWorldsUnseen);

/// <summary>
/// One loop: departure frame D, return frame R. ReturnVsGeneratedDeparture = PSNR(gen R, gen D) (self-consistency);
/// ReturnVsTrueDeparture = PSNR(gen R, true D); TrueReturnVsTrueDeparture = PSNR(true R, true D), the environment's
/// own ceiling (100 when it returns exactly to the same view). AlongTheWayPsnr = mean PSNR(gen t, true t) over the
/// frames strictly between D and R (a model that never moves returns perfectly but fails here). JudgedReal and
/// TruthJudgedReal = the fraction of generated and of true frames D..R that the plausibility judge calls real (null
/// without a judge). ReturnStreams = the MAE of each stream the model predicts at R against the truth's (empty when it
/// predicts none): for a memory keyed by the pose, whether the model knows it is back where it departed.
/// </summary>
public sealed record LoopResult(int World, int Seed, double SecondsAway, int FramesAway, int StepsOut,
                                double ReturnVsGeneratedDeparture, double ReturnVsTrueDeparture, double TrueReturnVsTrueDeparture,
                                double AlongTheWayPsnr, double? JudgedReal, double? TruthJudgedReal,
                                IReadOnlyDictionary<string, StreamScore> ReturnStreams);
