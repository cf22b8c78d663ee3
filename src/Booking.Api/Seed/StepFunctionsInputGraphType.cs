using GraphQL.Types;

namespace Booking.Api.Seed;

public sealed class StepFunctionsInputGraphType : InputObjectGraphType<StepFunctionsInput>
{
    public StepFunctionsInputGraphType()
    {
        Name = nameof(StepFunctionsInput);
        Field<NonNullGraphType<IdGraphType>>("id").Description("The reservation workflow's instance id.");
        Field<NonNullGraphType<StringGraphType>>("arn");
        Field<IdGraphType>("apartmentId").Description("The apartment to reserve; the configured default (the seed's 1234567) when absent.");
    }
}
