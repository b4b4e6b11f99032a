using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace Nara.Platform.Persistence;

/// <summary>
/// A piece of a query that one module writes over its own tables and gives another through its Contracts, so the other
/// can ask it in the same statement as its own question without knowing those tables: write
/// <c>QueryPart.Ask(Owner.Part, a, b, c)</c> inside the query and pass the query through <see cref="Expand{TDelegate}"/>
/// before compiling it; the call is replaced with the part's own expression, so the database runs it as a subquery.
/// </summary>
public static class QueryPart
{
    /// <summary>A marker for <see cref="Expand{TDelegate}"/>: replaced by <paramref name="part"/>'s body, never run.</summary>
    public static bool Ask<T1, T2, T3>(Expression<Func<T1, T2, T3, bool>> part, T1 first, T2 second, T3 third) =>
        throw new InvalidOperationException($"QueryPart.Ask({part}, {first}, {second}, {third}) must be expanded with QueryPart.Expand before the query runs.");

    /// <summary>The query with every <see cref="Ask{T1,T2,T3}"/> replaced by the part it names.</summary>
    public static Expression<TDelegate> Expand<TDelegate>(Expression<TDelegate> query) =>
        Expression.Lambda<TDelegate>(new Expander().Visit(query.Body), query.Parameters);

    private sealed class Expander : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(QueryPart) || node.Method.Name != nameof(Ask))
            {
                return base.VisitMethodCall(node);
            }
            // The part is a static field or property of its owner's Contracts, read once when the query is built.
            var part = Expression.Lambda<Func<LambdaExpression>>(node.Arguments[0]).Compile()();
            return new ReplacingExpressionVisitor(part.Parameters.ToArray(), node.Arguments.Skip(1).Select(Visit).ToArray()!).Visit(part.Body);
        }
    }
}
