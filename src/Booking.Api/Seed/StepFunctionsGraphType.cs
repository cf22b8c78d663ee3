using GraphQL.Types;

namespace Booking.Api.Seed;

/// <summary>The seed's <c>type stepfunctions { id: String! arn: String! }</c>, lowercase name kept for its clients.</summary>
public sealed class StepFunctionsGraphType : ObjectGraphType<StepFunctionView>
{
    public StepFunctionsGraphType()
    {
        Name = "stepfunctions";
        Field<NonNullGraphType<StringGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("arn").Resolve(ctx => ctx.Source.Arn);
    }
}
