using Orrery.Environments;
using Orrery.Evaluation.Baselines;
using Orrery.Evaluation.Metrics;
using Orrery.Evaluation.Protocols;
using Orrery.Evaluation.Reports;

namespace Orrery.Evaluation.Tests.Protocols;

public class GeometryLoopTests
{
    private static LoopClosureReport Run(Core.Simulation.ISimulator simulator) =>
        LoopClosureProtocol.Run(w => EnvironmentRegistry.Create("maze", w), [0], [9], memoryUnseen: true, simulator, context: 2, seed: 3,
                                durations: [2.5], modelSeed: 0).Report;

    [Fact]
    public void The_ground_truth_returns_exactly_and_matches_itself_all_the_way_round()
    {
        using var truth = new EnvironmentSimulator("maze");
        var report = Run(truth);
        var loops = report.Turn360.Concat(report.TurnOutAndBack).Concat(report.TurnAwayAndBack).Concat(report.Corridor).ToArray();
        Assert.Equal(4, loops.Length);
        Assert.All(loops, l =>
        {
            Assert.Equal(Psnr.Cap, l.ReturnVsTrueDeparture);
            Assert.Equal(Psnr.Cap, l.ReturnVsGeneratedDeparture);
            Assert.Equal(Psnr.Cap, l.AlongTheWayPsnr);
            Assert.Equal(0, l.ReturnStreams["pose"].Mae);                                          // it knows where it is back to
        });
        Assert.Equal(48, report.Turn360[0].FramesAway);
        Assert.Equal([9], report.MemoryWorlds);
    }

    [Fact]
    public void Copy_last_returns_to_the_right_view_but_fails_along_the_way()
    {
        using var truth = new EnvironmentSimulator("maze");
        using var copyLast = new CopyLastFrame(truth.World);
        var report = Run(copyLast);
        // It never moves, so the departure view is also its return view; the frames between give it away.
        Assert.All(report.Turn360.Concat(report.TurnOutAndBack), l =>
        {
            Assert.Equal(Psnr.Cap, l.ReturnVsTrueDeparture);
            Assert.True(l.AlongTheWayPsnr < 22, $"{l.AlongTheWayPsnr:0.0} dB along the way for a frozen frame");
        });
    }
}
