namespace HvWeb.Web.Api.Contracts;

/// <summary>"Healthy", "Degraded" or "Unhealthy".</summary>
public sealed record HealthDto(string Status);
