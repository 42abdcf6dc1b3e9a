namespace Orrery.Server.Api;

/// <summary>Body of POST /api/sessions. StartImage is an optional base64 PNG (models only).</summary>
public sealed record CreateSessionRequest(string? Model, int? World, int? Seed, string? StartImage);
