using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Hosting;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

public abstract class HealthTests(NaraApp app)
{
    [Fact]
    public async Task Ready_reports_healthy_when_the_database_answers()
    {
        var response = await app.AnonymousClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Live_answers_without_sign_in()
    {
        var response = await app.AnonymousClient().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // The start-up gate (a first start writes the demo region while the server starts). Tests in a collection run one
    // at a time, so closing this app's gate holds back only this test's requests.
    [Fact]
    public async Task While_the_start_is_under_way_requests_wait_at_the_gate_and_liveness_still_answers()
    {
        var gate = app.Services.GetRequiredService<StartupGate>();
        gate.Close();
        try
        {
            var client = app.AnonymousClient();
            var ready = client.GetAsync("/health/ready");
            var live = await client.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.False(ready.IsCompleted, "A request was answered before the start was done.");
            gate.Open();
            Assert.Equal(HttpStatusCode.OK, (await ready).StatusCode);
        }
        finally
        {
            gate.Open();
        }
    }

    [Fact]
    public async Task A_failed_start_answers_waiting_requests_with_503_and_problem_details_in_swedish()
    {
        var gate = app.Services.GetRequiredService<StartupGate>();
        gate.Close();
        try
        {
            var waiting = app.AnonymousClient().GetAsync("/api/auth/me");
            gate.Fail();
            var response = await waiting;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("Nära kunde inte starta", problem.RootElement.GetProperty("title").GetString());
        }
        finally
        {
            gate.Close();
            gate.Open();
        }
    }
}

[Collection(SqliteTests.Name)]
public sealed class HealthTestsOnSqlite(SqliteApp app) : HealthTests(app);

[Collection(PostgresTests.Name)]
public sealed class HealthTestsOnPostgres(PostgresApp app) : HealthTests(app);
