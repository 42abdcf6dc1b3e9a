namespace Orrery.Training;

/// <summary>
/// One progress report: stage (1 tokenizer, 2 dynamics, 3 decoder), steps, loss, speed and the latest validation
/// PSNR. FirstStep is the step this run began at: 0, or the saved step of a resumed run.
/// </summary>
public sealed record TrainProgress(int Stage, long Step, long TotalSteps, double Loss, double StepsPerSecond, double? ValidationPsnr, long FirstStep);
