using Orrery.Core.Errors;
using Orrery.Core.Spaces;
using Orrery.Environments;
using Orrery.Runtime.Scheduling;
using Orrery.Runtime.Sessions;

namespace Orrery.Runtime.Tests.Scheduling;

public sealed class LockstepTests
{
    private static readonly SessionOptions Lockstep = new() { Clock = SessionClock.Lockstep };

    private static SessionEngine Engine(ManualTime time) => new(new EnvironmentContext(), new SessionEngineOptions { StartThread = false }, time);

    [Fact]
    public async Task A_lockstep_session_never_steps_on_the_clock_only_when_asked()
    {
        var time = new ManualTime();
        var simulator = new RecordingSimulator();
        using var engine = Engine(time);
        var session = await engine.Start(simulator, RecordingSimulator.Start(), Lockstep);
        time.AdvanceFrames(10);
        engine.Pump();
        Assert.Empty(simulator.Calls);
        var step = engine.Step(session, ActionVector.Discrete(1));
        Assert.False(step.IsCompleted);
        engine.Pump();
        var frame = await step;
        Assert.Equal(1, frame.FrameIndex);
        Assert.Equal(ActionVector.Discrete(1), frame.Action);
        Assert.Equal([1f], frame.Streams["counter"]);
        Assert.Equal([[ActionVector.Discrete(1)]], simulator.Calls);
    }

    [Fact]
    public async Task Steps_that_wait_together_run_as_one_batch_and_a_sessions_own_steps_in_order()
    {
        var time = new ManualTime();
        var simulator = new RecordingSimulator();
        using var engine = Engine(time);
        var a = await engine.Start(simulator, RecordingSimulator.Start(1), Lockstep);
        var b = await engine.Start(simulator, RecordingSimulator.Start(2), Lockstep);
        var c = await engine.Start(simulator, RecordingSimulator.Start(3), Lockstep);
        var steps = new[]
        {
            engine.Step(a, ActionVector.Discrete(1)), engine.Step(b, ActionVector.Discrete(2)),
            engine.Step(c, ActionVector.Discrete(3)), engine.Step(a, ActionVector.Discrete(2)),
        };
        engine.Pump();
        var frames = await Task.WhenAll(steps);
        Assert.Equal(2, simulator.Calls.Count);                                           // a, b, c together; then a's second
        Assert.Equal([ActionVector.Discrete(1), ActionVector.Discrete(2), ActionVector.Discrete(3)], simulator.Calls[0]);
        Assert.Equal([ActionVector.Discrete(2)], simulator.Calls[1]);
        Assert.Equal([1L, 1, 1, 2], frames.Select(f => f.FrameIndex));
        Assert.Equal([ActionVector.Discrete(1), ActionVector.Discrete(2)], a.TickActions());
    }

    [Fact]
    public async Task Each_clock_refuses_the_other_clocks_requests_and_bad_actions_in_one_line()
    {
        var time = new ManualTime();
        using var engine = Engine(time);
        var realTime = await engine.Start(new RecordingSimulator(), RecordingSimulator.Start());
        var lockstep = await engine.Start(new RecordingSimulator(), RecordingSimulator.Start(), Lockstep);
        Assert.Contains("real-time clock", Assert.Throws<ClockConflictException>(() => { _ = engine.Step(realTime, ActionVector.Discrete(1)); }).Message);
        Assert.Contains("/step", Assert.Throws<ClockConflictException>(() => lockstep.SetAction(ActionVector.Discrete(1))).Message);
        Assert.Throws<OrreryException>(() => { _ = engine.Step(lockstep, ActionVector.Discrete(99)); });
        engine.Pump();
        Assert.Equal(0, lockstep.FrameIndex);
    }
}
