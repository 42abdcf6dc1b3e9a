using System.Text.Json;

namespace Orrery.Server.Api;

/// <summary>Body of POST /api/sessions/{id}/action: {"action": [0.3, -0.7]}, {"action": "forward"} or {"action": 2} (see <see cref="ActionJson"/>).</summary>
public sealed record ActionRequest(JsonElement Action);
