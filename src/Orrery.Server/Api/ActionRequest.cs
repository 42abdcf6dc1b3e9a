namespace Orrery.Server.Api;

/// <summary>Body of POST /api/sessions/{id}/action: an action name, or its index.</summary>
public sealed record ActionRequest(string? Action, int? Index);
