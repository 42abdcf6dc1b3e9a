namespace Orrery.Core.Errors;

/// <summary>A user's mistake (bad file, field or value): one line a person can act on; the CLI prints it and exits 1.</summary>
public class OrreryException : Exception
{
    public OrreryException(string message) : base(message) { }

    public OrreryException(string message, Exception inner) : base(message, inner) { }
}
