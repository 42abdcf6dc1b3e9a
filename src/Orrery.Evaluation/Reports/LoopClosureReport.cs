namespace Orrery.Evaluation.Reports;

/// <summary>Memory: does the model show the same place when the agent comes back to it?</summary>
public sealed record LoopClosureReport(IReadOnlyList<LoopResult> Turn360, IReadOnlyList<LoopResult> Corridor);

/// <summary>
/// One loop: departure frame D, return frame R. ReturnVsGeneratedDeparture = PSNR(gen R, gen D) (self-consistency);
/// ReturnVsTrueDeparture = PSNR(gen R, true D); TrueReturnVsTrueDeparture = PSNR(true R, true D), the environment's
/// own ceiling (100 when it returns exactly to the same view).
/// </summary>
public sealed record LoopResult(int World, int Seed, double SecondsAway, int FramesAway, int StepsOut,
                                double ReturnVsGeneratedDeparture, double ReturnVsTrueDeparture, double TrueReturnVsTrueDeparture);
