//! The resources and properties `cloudformation package` uploads, as the CLI's exporter lists
//! them, and how each is rewritten: to the `s3://` URL, to an S3 location structure
//! (`{"S3Bucket": ..., "S3Key": ...}`), or, for nested stacks, to the packaged child
//! template's `https://` URL.

/// What the property becomes once its artifact is uploaded.
#[derive(Debug, Clone, Copy)]
pub enum Rewrite {
    Url,
    /// The bucket and key members (an upload's URL never carries a version, so the
    /// CLI's version member is never filled).
    Location {
        bucket: &'static str,
        key: &'static str,
    },
    /// A nested template, itself packaged and uploaded.
    Template,
}

#[derive(Debug, Clone, Copy)]
pub struct Exporter {
    pub resource_type: &'static str,
    /// A dotted path into the resource's properties (`Command.ScriptLocation`).
    pub property: &'static str,
    /// An absent property means "this folder" (zipped) rather than nothing to do.
    pub package_null: bool,
    /// A single file is zipped (Lambda code must be a zip).
    pub force_zip: bool,
    pub rewrite: Rewrite,
}

const fn url(resource_type: &'static str, property: &'static str, package_null: bool) -> Exporter {
    Exporter {
        resource_type,
        property,
        package_null,
        force_zip: false,
        rewrite: Rewrite::Url,
    }
}

const fn location(
    resource_type: &'static str,
    property: &'static str,
    (bucket, key): (&'static str, &'static str),
    package_null: bool,
    force_zip: bool,
) -> Exporter {
    Exporter {
        resource_type,
        property,
        package_null,
        force_zip,
        rewrite: Rewrite::Location { bucket, key },
    }
}

const fn zipped(e: Exporter) -> Exporter {
    Exporter {
        force_zip: true,
        ..e
    }
}

const fn template(resource_type: &'static str, property: &'static str) -> Exporter {
    Exporter {
        resource_type,
        property,
        package_null: true,
        force_zip: false,
        rewrite: Rewrite::Template,
    }
}

const S3_LOCATION: (&str, &str) = ("S3Bucket", "S3Key");
const BUCKET_KEY: (&str, &str) = ("Bucket", "Key");

/// The resources, in the CLI's order (a type may appear twice, one property each).
pub const RESOURCES: &[Exporter] = &[
    zipped(url("AWS::Serverless::Function", "CodeUri", true)),
    url("AWS::Serverless::Api", "DefinitionUri", false),
    url("AWS::AppSync::GraphQLSchema", "DefinitionS3Location", false),
    url(
        "AWS::AppSync::Resolver",
        "RequestMappingTemplateS3Location",
        false,
    ),
    url(
        "AWS::AppSync::Resolver",
        "ResponseMappingTemplateS3Location",
        false,
    ),
    url(
        "AWS::AppSync::FunctionConfiguration",
        "RequestMappingTemplateS3Location",
        false,
    ),
    url(
        "AWS::AppSync::FunctionConfiguration",
        "ResponseMappingTemplateS3Location",
        false,
    ),
    location(
        "AWS::ApiGateway::RestApi",
        "BodyS3Location",
        BUCKET_KEY,
        false,
        false,
    ),
    location("AWS::Lambda::Function", "Code", S3_LOCATION, true, true),
    location(
        "AWS::ElasticBeanstalk::ApplicationVersion",
        "SourceBundle",
        S3_LOCATION,
        true,
        false,
    ),
    template("AWS::CloudFormation::Stack", "TemplateURL"),
    template("AWS::Serverless::Application", "Location"),
    zipped(url("AWS::Serverless::LayerVersion", "ContentUri", true)),
    location(
        "AWS::Lambda::LayerVersion",
        "Content",
        S3_LOCATION,
        true,
        true,
    ),
    url("AWS::Glue::Job", "Command.ScriptLocation", true),
    location(
        "AWS::StepFunctions::StateMachine",
        "DefinitionS3Location",
        BUCKET_KEY,
        false,
        false,
    ),
    location(
        "AWS::Serverless::StateMachine",
        "DefinitionUri",
        BUCKET_KEY,
        false,
        false,
    ),
    location(
        "AWS::CodeCommit::Repository",
        "Code.S3",
        BUCKET_KEY,
        false,
        true,
    ),
];

/// The template's `Metadata` sections whose properties are uploaded.
pub const METADATA: &[Exporter] = &[
    url("AWS::ServerlessRepo::Application", "ReadmeUrl", false),
    url("AWS::ServerlessRepo::Application", "LicenseUrl", false),
];
