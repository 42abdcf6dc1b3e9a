using Microsoft.AspNetCore.Http;

namespace Orrery.Server.Api;

/// <summary>An error with an HTTP status, answered as JSON {error: message}.</summary>
public sealed class ApiProblem(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static ApiProblem NotFound(string what) => new(StatusCodes.Status404NotFound, what);
}
