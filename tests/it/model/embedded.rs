//! The embedded models: every service loads, and every operation and shape reads into the
//! runtime's types (a corrupt or mis-generated model fails here, not in a user's command).

use awsctl::model;

#[test]
fn every_embedded_model_loads_and_every_operation_and_shape_reads() {
    let mut services = 0;
    let mut operations = 0;
    let mut shapes = 0;
    for name in model::service_names() {
        let service = model::service(name).expect("listed").expect("loads");
        assert_eq!(service.name, name);
        for op in service.operation_names() {
            let operation = service.operation(op).unwrap().expect("listed");
            assert_eq!(operation.name, op);
            operations += 1;
        }
        for shape in service.shape_names() {
            service.shape(shape).unwrap();
            shapes += 1;
        }
        services += 1;
    }
    eprintln!("{services} services, {operations} operations, {shapes} shapes");
    assert_eq!(services, 429);
    assert!(operations > 18_000, "{operations}");
}

#[test]
fn a_service_is_loaded_once_and_unknown_names_are_none() {
    let a = model::service("sts").unwrap().unwrap();
    let b = model::service("sts").unwrap().unwrap();
    assert!(std::ptr::eq(a, b));
    assert!(model::service("no-such-service").is_none());
    assert_eq!(
        a.metadata.effective_protocol(),
        Some(model::Protocol::Query)
    );
    assert!(a.has_operation("GetCallerIdentity"));
    let ec2 = model::service("ec2").unwrap().unwrap();
    assert!(ec2.paginators.is_some() && ec2.waiters.is_some());
    assert!(ec2.endpoint_rule_set.is_some());
}
