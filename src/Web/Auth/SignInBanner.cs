using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace HvWeb.Web.Auth;

/// <summary>Creates the admin token at start-up and tells where to sign in, once the server listens.</summary>
public sealed class SignInBanner(AdminToken token, IServer server, IHostApplicationLifetime lifetime, ILogger<SignInBanner> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(LogBanner);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void LogBanner()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.FirstOrDefault() ?? "http://<this host>";
        logger.LogInformation("Sign in at {Url}/login with the token in {TokenSource}", url.TrimEnd('/'), token.Source);
    }
}
