using Orrery.Core.Errors;

namespace Orrery.Cli.Terminal;

/// <summary>Exit codes of the CLI (sysexits-style for bugs) and the guard that maps exceptions to them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int UserError = 1;
    public const int Usage = 2;
    public const int Interrupted = 130;
    public const int Bug = 70;

    /// <summary>Runs a command: a user error prints one red line and exits 1; anything else is a bug with its trace.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (OrreryException e)
        {
            Output.Error(e.Message);
            return UserError;
        }
        catch (OperationCanceledException)
        {
            Output.Error("interrupted");
            return Interrupted;
        }
        catch (Exception e)
        {
            Output.Error($"internal error (a bug, please report it): {e}");
            return Bug;
        }
    }
}
