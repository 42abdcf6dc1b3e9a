using System.Collections.Concurrent;
using System.Diagnostics;
using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Runtime.Recording;
using Orrery.Runtime.Sessions;

namespace Orrery.Runtime.Scheduling;

/// <summary>
/// The scheduler: ONE dedicated inference thread (not async/await, so TorchSharp dispose scopes and the model's
/// single-thread contract hold) that at every pass batches all due sessions of the same simulator into one Step call.
/// Each session keeps its own clock; a session whose ticks are late runs the newest at once and skips the older ones
/// (its fps drops) instead of queueing them, so overload never grows a queue past one tick. Control work (create,
/// fork, snapshot...) is queued to the same thread and is bounded by the number of callers waiting on it.
/// </summary>
public sealed class SessionEngine : IDisposable
{
    private readonly SessionEngineOptions options;
    private readonly TimeProvider time;
    private readonly IContextSource contexts;
    private readonly ConcurrentQueue<Action> work = new();
    private readonly ConcurrentQueue<LockstepStep> lockstepSteps = new();
    private readonly AutoResetEvent wake = new(false);
    private readonly List<Session> sessions = [];
    private readonly object sessionsLock = new();
    private readonly Thread? thread;
    private volatile bool stopping;
    private long steps;
    private long batches;
    private long skipped;

    /// <summary>A new engine; <paramref name="contexts"/> makes the first frames a session of a simulator begins from.</summary>
    public SessionEngine(IContextSource contexts, SessionEngineOptions? options = null, TimeProvider? time = null)
    {
        this.contexts = contexts;
        this.options = options ?? new SessionEngineOptions();
        this.time = time ?? TimeProvider.System;
        if (this.options.StartThread)
        {
            thread = new Thread(Loop) { IsBackground = true, Name = "orrery-inference" };
            thread.Start();
        }
    }

    /// <summary>Sessions currently running.</summary>
    public IReadOnlyList<Session> Sessions
    {
        get { lock (sessionsLock) return sessions.ToArray(); }
    }

    public EngineStats Stats
    {
        get
        {
            lock (sessionsLock)
                return new EngineStats(Interlocked.Read(ref steps), Interlocked.Read(ref batches), Interlocked.Read(ref skipped), work.Count, sessions.Count);
        }
    }

    /// <summary>Runs work on the inference thread (inline without one) and returns its result.</summary>
    public Task<T> Invoke<T>(Func<T> body)
    {
        if (thread is null || Environment.CurrentManagedThreadId == thread.ManagedThreadId)
        {
            try { return Task.FromResult(body()); }
            catch (Exception e) { return Task.FromException<T>(e); }
        }
        ObjectDisposedException.ThrowIf(stopping, this);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Enqueue(() =>
        {
            try { done.SetResult(body()); }
            catch (Exception e) { done.SetException(e); }
        });
        wake.Set();
        return done.Task;
    }

    /// <summary>Starts a session from a world and seed (or start image).</summary>
    public Task<Session> Start(ISimulator simulator, SessionStart start, SessionOptions? sessionOptions = null) =>
        Invoke(() => Add(Begin(simulator, start, sessionOptions ?? new SessionOptions())));

    /// <summary>
    /// Advances a lockstep session by one frame under `action` and answers with that frame. Steps that wait together
    /// (many policies acting at once) run as one batched simulator step per pass; a session's own steps run in order.
    /// </summary>
    public Task<FramePacket> Step(Session session, ActionVector action)
    {
        if (!session.IsLockstep)
            throw new ClockConflictException($"session {session.Id} runs on a real-time clock at {session.Fps} fps: send actions to POST /api/sessions/{session.Id}/action (or its stream); create it with \"clock\": \"lockstep\" to step it");
        session.Actions.Validate(action);
        ObjectDisposedException.ThrowIf(stopping, this);
        session.Touch();
        var done = new TaskCompletionSource<FramePacket>(TaskCreationOptions.RunContinuationsAsynchronously);
        lockstepSteps.Enqueue(new LockstepStep(session, action, done));
        wake.Set();
        return done.Task;
    }

    /// <summary>Two independent sessions from one state: the new one starts where the source is now.</summary>
    public Task<Session> Fork(Session source) =>
        Invoke(() =>
        {
            var latest = source.Latest;
            return Add(new Session(source.Simulator, source.Start, source.Options, source.Simulator.Fork(source.State),
                                   new Observation(latest.Pixels, latest.Streams), source.FrameIndex, source.TickActions(), source.ActionEvents()));
        });

    /// <summary>A new session from the source's start that re-applies its action log tick by tick, then goes live.</summary>
    public Task<Session> Replay(Session source) =>
        Invoke(() => Add(Begin(source.Simulator, source.Start, source.Options, source.TickActions())));

    /// <summary>Writes the session's snapshot (state, start, logs) to a file, crash-safely.</summary>
    public Task<SnapshotInfo> Snapshot(Session session, string path) =>
        Invoke(() => SessionSnapshot.Write(session, path));

    /// <summary>
    /// Restores a snapshot into a new live session on the simulator its header names. The caller resolves (and if need
    /// be loads) that simulator before calling: work on this thread must never wait for anything but itself.
    /// </summary>
    public Task<Session> Restore(SnapshotFile snapshot, ISimulator simulator, SessionOptions? sessionOptions = null) =>
        Invoke(() => Add(SessionSnapshot.Restore(snapshot, simulator, sessionOptions ?? new SessionOptions())));

    /// <summary>Stops and forgets a session; its subscribers' feeds complete.</summary>
    public Task<bool> Remove(Session session) =>
        Invoke(() =>
        {
            lock (sessionsLock)
                if (!sessions.Remove(session)) return false;
            session.Close();
            return true;
        });

    /// <summary>
    /// One scheduling pass at the current time: steps every due session once (batched per simulator) and moves
    /// late clocks past the ticks they missed. Returns the number of sessions stepped. The thread calls it;
    /// without a thread, tests call it.
    /// </summary>
    public int Pump()
    {
        var stepped = StepLockstep();
        var now = time.GetTimestamp();
        List<Session> due;
        lock (sessionsLock) due = sessions.Where(s => !s.IsLockstep && s.NextDue <= now).ToList();
        foreach (var group in due.GroupBy(s => s.Simulator))
            foreach (var chunk in group.Chunk(options.MaxBatch))
                if (StepBatch(group.Key, chunk, chunk.Select(s => s.TakeAction()).ToArray())) stepped += chunk.Length;
        Interlocked.Add(ref steps, stepped);
        var after = time.GetTimestamp();
        foreach (var s in due.Where(s => !s.Closed))
        {
            var period = Period(s);
            s.NextDue += period;
            if (s.NextDue <= after)
            {
                // late: the newest missed tick runs at the next pass, the older ones are skipped rather than run back to
                // back. A step that overran its tick by a little then costs no frame, and the backlog is never more
                // than one tick.
                var missed = (after - s.NextDue) / period;
                s.NextDue += missed * period;
                s.SkippedTicks += missed;
                Interlocked.Add(ref skipped, missed);
            }
        }
        return stepped;
    }

    public void Dispose()
    {
        if (stopping) return;
        stopping = true;
        wake.Set();
        thread?.Join();
        lock (sessionsLock)
        {
            foreach (var s in sessions) s.Close();
            sessions.Clear();
        }
        while (work.TryDequeue(out var w)) w();
        while (lockstepSteps.TryDequeue(out var step)) step.Done.SetException(new ObjectDisposedException(nameof(SessionEngine)));
        wake.Dispose();
    }

    /// <summary>Runs the waiting lockstep steps, one frame per session per round, batched per simulator; returns the sessions stepped.</summary>
    private int StepLockstep()
    {
        var waiting = new List<LockstepStep>();
        while (lockstepSteps.TryDequeue(out var step)) waiting.Add(step);
        var stepped = 0;
        while (waiting.Count > 0)
        {
            var round = new List<LockstepStep>();
            var later = new List<LockstepStep>();
            var seen = new HashSet<Session>();
            foreach (var w in waiting) (seen.Add(w.Session) ? round : later).Add(w);
            waiting = later;
            foreach (var ended in round.Where(w => w.Session.Closed))
                ended.Done.SetException(new OrreryException($"session {ended.Session.Id} has ended{(ended.Session.Failure is { } why ? $": {why}" : "")}"));
            foreach (var group in round.Where(w => !w.Session.Closed).GroupBy(w => w.Session.Simulator))
                foreach (var chunk in group.Chunk(options.MaxBatch))
                {
                    var ok = StepBatch(group.Key, chunk.Select(c => c.Session).ToArray(), chunk.Select(c => c.Action).ToArray());
                    foreach (var c in chunk)
                        if (ok) c.Done.SetResult(c.Session.Latest);
                        else c.Done.SetException(new OrreryException(c.Session.Failure ?? "step failed"));
                    if (ok) stepped += chunk.Length;
                }
        }
        return stepped;
    }

    /// <summary>One batched simulator step of sessions that share it; false when the simulator failed (the sessions then end).</summary>
    private bool StepBatch(ISimulator simulator, Session[] chunk, ActionVector[] actions)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<Observation> frames;
        try
        {
            frames = simulator.Step(chunk.Select(s => s.State).ToArray(), actions);
        }
        catch (Exception e)
        {
            // a failing simulator ends its sessions (with the reason), not the thread that serves all others
            Fail(chunk, e);
            return false;
        }
        var latencyMs = (float)clock.Elapsed.TotalMilliseconds;
        Interlocked.Increment(ref batches);
        for (var i = 0; i < chunk.Length; i++) chunk[i].Advance(actions[i], frames[i], latencyMs);
        return true;
    }

    private long Period(Session s) => Math.Max(1, time.TimestampFrequency / s.Fps);

    private Session Begin(ISimulator simulator, SessionStart start, SessionOptions sessionOptions, IEnumerable<ActionVector>? script = null)
    {
        var context = SessionContext.For(simulator, start, contexts);
        var state = simulator.Begin(context);
        return new Session(simulator, start, sessionOptions, state, context.Context[^1], script: script);
    }

    private Session Add(Session session)
    {
        session.NextDue = time.GetTimestamp() + Period(session);
        lock (sessionsLock) sessions.Add(session);
        wake.Set();
        return session;
    }

    private void Fail(IEnumerable<Session> failed, Exception e)
    {
        foreach (var s in failed)
        {
            s.Failure = $"{s.Simulator.Name}: step failed: {e.Message}";
            lock (sessionsLock) sessions.Remove(s);
            s.Close();
        }
    }

    private void Loop()
    {
        while (!stopping)
        {
            while (work.TryDequeue(out var w)) w();
            Pump();
            long next;
            lock (sessionsLock) next = sessions.Where(s => !s.IsLockstep).Select(s => s.NextDue).DefaultIfEmpty(long.MaxValue).Min();
            var wait = next == long.MaxValue ? TimeSpan.FromMilliseconds(250) : time.GetElapsedTime(time.GetTimestamp(), next);
            if (wait > TimeSpan.Zero) wake.WaitOne(wait > TimeSpan.FromMilliseconds(250) ? TimeSpan.FromMilliseconds(250) : wait);
        }
    }
}

/// <summary>A lockstep step waiting for the inference thread: the session, its action and who waits for the frame.</summary>
internal sealed record LockstepStep(Session Session, ActionVector Action, TaskCompletionSource<FramePacket> Done);
