using System.Net;
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
}

[Collection(SqliteTests.Name)]
public sealed class HealthTestsOnSqlite(SqliteApp app) : HealthTests(app);

[Collection(PostgresTests.Name)]
public sealed class HealthTestsOnPostgres(PostgresApp app) : HealthTests(app);
