module example.com/shop/user

go 1.22
