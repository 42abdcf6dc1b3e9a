using System.Runtime.InteropServices;

namespace Orrery.Cli.Terminal;

/// <summary>
/// Ctrl-C (SIGINT) and a scheduler's SIGTERM both ask long work to stop at its next safe point (a training run saves
/// its checkpoint and state) instead of killing the process; Token reports the request.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource requested = new();
    private readonly PosixSignalRegistration[] registrations;

    public StopSignals()
    {
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop)];
    }

    public CancellationToken Token => requested.Token;

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;   // keep the process alive until the work has saved and returned
        requested.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        requested.Dispose();
    }
}
